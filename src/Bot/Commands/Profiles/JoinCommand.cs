using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>join</c>: no fields opens the profile form; inline fields save at once.</summary>
public sealed class JoinCommand(MemberDirectory members, ProfileSaver saver) : ICommandHandler
{
    public CommandInfo Info { get; } = new("join", "join [fields]", "join with a short profile form (or give the fields inline)", "join");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var member = await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct);
        if (command.Arguments.Length == 0)
        {
            return new FormReply(ProfileForm.Build(member?.Profile));
        }

        var (fields, parseErrors) = InlineFields.Parse(command.Arguments);
        var (profile, errors) = parseErrors.Count > 0
            ? (null, parseErrors)
            : ProfileBuilder.Build(command.Caller.UserId, command.Caller.DisplayName, fields, member?.Profile);
        if (profile is null)
        {
            return new MessageReply(ProfileText.Mistakes(errors, command.Prefix));
        }

        var (isNew, saved) = await saver.SaveAsync(command.Workspace, profile, ProfileSaver.NameGivenIn(fields), ct);
        return new MessageReply(ProfileSaver.Confirmation(saved, isNew, command.Prefix));
    }
}
