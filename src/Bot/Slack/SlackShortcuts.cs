namespace PeerBot.Bot.Slack;

/// <summary>
/// PeerBot's global shortcuts (the manifest's <c>features.shortcuts</c>, reached from Slack's shortcut menu and search):
/// each stands for a verb, answered as if typed — a form opens as a modal, a message shows in one.
/// </summary>
public static class SlackShortcuts
{
    public const string FindAPeer = "find_a_peer";
    public const string CheckIn = "check_in";

    /// <summary>callback_id → the verb it stands for.</summary>
    public static IReadOnlyDictionary<string, string> Verbs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FindAPeer] = "find",
        [CheckIn] = "checkin",
    };
}
