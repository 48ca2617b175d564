using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Commands;

/// <summary>Receives the submission of one kind of <see cref="Scheduler.Chat.ChatForm"/>.</summary>
public interface IFormHandler
{
    string FormId { get; }

    Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct);
}

/// <summary>A filled-in form: field id → chosen or typed values.</summary>
public sealed record FormSubmission(Workspace Workspace, ChatCaller Caller, string FormId, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, string State, string Prefix = "")
{
    public string Value(string field) => Values.TryGetValue(field, out var v) ? string.Join(",", v) : "";
}

/// <summary>Either the form is accepted (and the caller is told so) or the named fields need fixing.</summary>
public abstract record FormOutcome;

public sealed record FormAccepted(Scheduler.Chat.ChatMessage Confirmation) : FormOutcome;

public sealed record FormRejected(IReadOnlyDictionary<string, string> FieldErrors) : FormOutcome;
