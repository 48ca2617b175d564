namespace PeerBot.Bot.Simulator;

/// <summary>What the page posts (JSON bodies; requiring JSON also keeps other sites' plain form posts out).</summary>
internal sealed record CommandRequest(string User, string? Channel, string Text);

internal sealed record MessageRequest(string User, string Text);

internal sealed record ClickRequest(string User, string? Channel, string? Ts, string ActionId, string? Value, string? BlockId, string? ViewId = null);

internal sealed record SubmitRequest(string User, Dictionary<string, List<string>> Values);

internal sealed record UserRequest(string User);

internal sealed record ShortcutRequest(string User, string CallbackId);

internal sealed record TeacherRequest(string Name);
