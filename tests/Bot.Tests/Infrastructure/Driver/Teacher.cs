namespace PeerBot.Bot.Tests.Infrastructure.Driver;

/// <summary>
/// The one test driver: a teacher who types, clicks, submits forms and reads what PeerBot shows them, on Slack
/// (<see cref="SlackTeacher"/>) or Teams (<see cref="TeamsTeacher"/>). Every wait is woken by the fake platform
/// recording something, never a sleep; a timeout names what was awaited and appends the bot's log.
/// </summary>
public abstract class Teacher(PeerBotApp app, string userId)
{
    public PeerBotApp App => app;

    public string UserId => userId;

    /// <summary>What commands start with on this platform in PeerBot's replies (Slack: <c>/peer </c>; Teams: nothing).</summary>
    public abstract string Prefix { get; }

    /// <summary>When the teacher acts, for a bot on a fake clock (Slack's signatures carry a timestamp); null: now.</summary>
    public Func<DateTimeOffset>? Clock { get; set; }

    protected DateTimeOffset Now => Clock?.Invoke() ?? DateTimeOffset.UtcNow;

    /// <summary>Types a command (Slack <c>/peer {text}</c>, a Teams message); returns the answer, or the form it opened.</summary>
    public abstract Task<Seen> TypeAsync(string text);

    /// <summary>Clicks a button; returns the answer, or the form it opened.</summary>
    public abstract Task<Seen> ClickAsync(string actionId, string value);

    /// <summary>Clicks the button with <paramref name="actionId"/> on something the teacher sees.</summary>
    public Task<Seen> ClickAsync(Seen on, string actionId) => ClickAsync(on, actionId, on.Button(actionId));

    /// <summary>Clicks one button (by its action id and value) on something the teacher sees, e.g. one choice of a 1–5 row.</summary>
    public virtual Task<Seen> ClickAsync(Seen on, string actionId, string value) => ClickAsync(actionId, value);

    /// <summary>Fills and submits a form (field id → values); returns the confirmation, or the form's field errors.</summary>
    public abstract Task<Seen> SubmitAsync(Seen form, IReadOnlyDictionary<string, string[]> values);

    /// <summary>Messages PeerBot sent this teacher unprompted (DMs: introductions, nudges, pulses), oldest first.</summary>
    public abstract IReadOnlyList<Seen> Messages { get; }

    /// <summary>Waits for a message PeerBot sends this teacher unprompted that matches <paramref name="where"/>.</summary>
    public abstract Task<Seen> MessageAsync(Func<Seen, bool> where, string what);

    public Task<Seen> MessageAsync(string containing) => MessageAsync(m => m.Contains(containing), $"a message containing \"{containing}\"");

    protected async Task<T> WithLogsAsync<T>(Task<T> wait)
    {
        try
        {
            return await wait;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{UserId}: {e.Message}{Environment.NewLine}The bot logged:{Environment.NewLine}{App.Logs}", e);
        }
    }
}
