using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands;

/// <summary>What a person asked PeerBot, whichever platform they typed it on.</summary>
/// <param name="Verb">The first word, lower-case ("join"); empty when they typed nothing.</param>
/// <param name="Arguments">Everything after the verb, as typed.</param>
/// <param name="Prefix">What the person types before a verb where they are ("/peer " for a slash command, "" in a chat with the bot), for examples in replies.</param>
public sealed record ChatCommand(Workspace Workspace, ChatCaller Caller, string Verb, string Arguments, string Prefix = "")
{
    /// <summary>The shared channel it was typed in; null in a direct chat with PeerBot.</summary>
    public ChatPlace? Place { get; init; }

    /// <summary>Picked from a menu (Slack's shortcuts) rather than typed: there is nothing typed to build on, so forms suit it best.</summary>
    public bool FromMenu { get; init; }
}

/// <summary>A shared channel, as the platform names it.</summary>
public sealed record ChatPlace(string ChannelId, string? Name)
{
    /// <summary>The reply is seen by the whole channel (Teams); a Slack reply there is ephemeral, for the caller alone.</summary>
    public bool RepliesShared { get; init; }
}

/// <summary>The person behind a command, form or click.</summary>
public sealed record ChatCaller(string UserId, string DisplayName);
