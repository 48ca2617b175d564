namespace PeerBot.Bot.Slack;

/// <summary>Settings under <c>Slack</c>.</summary>
public sealed class SlackOptions
{
    /// <summary>Verifies every request from Slack. Without it the Slack endpoints answer 404: off, never open.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Single-workspace install: the bot token (xoxb-…).</summary>
    public string? BotToken { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Socket Mode app-level token (xapp-…).</summary>
    public string? AppToken { get; set; }

    /// <summary>Slack Web API base; tests and the simulator point it at a local fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How long a request may work before PeerBot acknowledges and answers later via response_url (Slack allows 3 s).</summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Longest wait between Socket Mode reconnect attempts after a drop (the wait doubles from one second).</summary>
    public TimeSpan SocketModeMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often Socket Mode pings Slack over its WebSocket (keep-alive).</summary>
    public TimeSpan SocketModeKeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a Socket Mode ping may go unanswered (or Slack's hello may take) before the socket counts as dead and is reopened.</summary>
    public TimeSpan SocketModeReceiveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one Web API call may take before it counts as timed out (a timed-out post is never retried: it may have landed).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrEmpty(SigningSecret);
}
