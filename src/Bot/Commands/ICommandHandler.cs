namespace PeerBot.Bot.Commands;

/// <summary>One verb of the chat grammar. Registered by verb in <see cref="CommandRouter"/>.</summary>
public interface ICommandHandler
{
    CommandInfo Info { get; }

    Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct);
}
