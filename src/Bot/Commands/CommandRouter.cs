using Microsoft.Extensions.Logging;
using PeerBot.Scheduler.Observability;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands;

/// <summary>
/// Sends each command, form and click to its one small handler, picked by name from a table.
/// <c>help</c> is answered here, from the same table, so it can never list a verb that does not exist.
/// Unknown verbs get help, with a word about what was not understood.
/// </summary>
public sealed partial class CommandRouter
{
    private readonly Dictionary<string, ICommandHandler> _commands;
    private readonly Dictionary<string, IFormHandler> _forms;
    private readonly Dictionary<string, IActionHandler> _actions;
    private readonly ILogger<CommandRouter> _log;
    private readonly PeerBot.Scheduler.Observability.PeerBotMetrics _metrics;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Platform, string Prefix), CommandReply> _help = new();
    private readonly ILookup<string, string> _notes;

    public CommandRouter(IEnumerable<ICommandHandler> commands, IEnumerable<IFormHandler> forms, IEnumerable<IActionHandler> actions, ILogger<CommandRouter> log, PeerBot.Scheduler.Observability.PeerBotMetrics metrics, IEnumerable<PlatformHelpNote> notes)
    {
        _notes = notes.ToLookup(n => n.Platform, n => n.Markdown, StringComparer.Ordinal);
        _commands = commands.ToDictionary(c => c.Info.Verb, StringComparer.OrdinalIgnoreCase);
        _forms = forms.ToDictionary(f => f.FormId, StringComparer.Ordinal);
        _actions = actions.ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        _log = log;
        _metrics = metrics;
    }

    public static readonly CommandInfo HelpInfo = new("help", "help", "what I can do, one line each", "help");

    /// <summary>Every verb, in the order they were registered (the order help shows).</summary>
    public IEnumerable<CommandInfo> Verbs => [HelpInfo, .. _commands.Values.Select(c => c.Info)];

    /// <summary>Splits "join role:mentee" into verb and arguments.</summary>
    public static (string Verb, string Arguments) Split(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\t', '\n']);
        return space < 0
            ? (trimmed.ToLowerInvariant(), "")
            : (trimmed[..space].ToLowerInvariant(), trimmed[(space + 1)..].Trim());
    }

    public static ChatCommand Parse(Workspace workspace, ChatCaller caller, string text, string prefix)
    {
        var (verb, args) = Split(text);
        return new ChatCommand(workspace, caller, verb, args, prefix);
    }

    public Task<CommandReply> DispatchAsync(ChatCommand command, CancellationToken ct)
    {
        // Known verbs only as the tag and span name: what people mistype would make unbounded series.
        var verb = _commands.ContainsKey(command.Verb) || command.Verb is "help" ? command.Verb : "other";
        _metrics.CommandHandled(verb, command.Workspace.Platform);
        if (_commands.TryGetValue(command.Verb, out var handler))
        {
            return PeerBotTracing.InSpanAsync($"peerbot.command {verb}", command.Workspace.Platform, () => handler.HandleAsync(command, ct));
        }

        // "help", "hi", "hello" and an empty message all mean "what can you do?": no complaint.
        if (command.Verb is "" or "help" or "hi" or "hello" or "hey" or "?")
        {
            // The same few prefixes come back all day: build each help reply once.
            return Task.FromResult(_help.GetOrAdd((command.Workspace.Platform, command.Prefix), k => new MessageReply(HelpMessage.Build(Verbs, unknownVerb: null, k.Prefix, _notes[k.Platform]))));
        }

        LogUnknownVerb(command.Workspace.Id, command.Verb);
        return Task.FromResult<CommandReply>(new MessageReply(HelpMessage.Build(Verbs, command.Verb, command.Prefix, _notes[command.Workspace.Platform])));
    }

    public Task<FormOutcome> SubmitAsync(FormSubmission submission, CancellationToken ct) =>
        _forms.TryGetValue(submission.FormId, out var handler)
            ? PeerBotTracing.InSpanAsync($"peerbot.form {submission.FormId}", submission.Workspace.Platform, () => handler.HandleAsync(submission, ct))
            : throw new UnknownInteractionException($"form '{submission.FormId}'");

    public Task<CommandReply?> ClickAsync(ChatAction action, CancellationToken ct) =>
        _actions.TryGetValue(action.ActionId, out var handler)
            ? PeerBotTracing.InSpanAsync($"peerbot.click {action.ActionId}", action.Workspace.Platform, () => handler.HandleAsync(action, ct))
            : throw new UnknownInteractionException($"action '{action.ActionId}'");

    [LoggerMessage(Level = LogLevel.Information, Message = "Unknown verb {Verb} in workspace {WorkspaceId}: answered with help")]
    private partial void LogUnknownVerb(Guid workspaceId, string verb);
}
