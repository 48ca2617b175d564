namespace PeerBot.Scheduler.Chat;

/// <summary>The platform answered 429: nothing was sent; try again after <see cref="RetryAfter"/>.</summary>
public sealed class ChatRateLimitedException(TimeSpan retryAfter) : Exception($"Rate limited: retry after {retryAfter.TotalSeconds:0.#} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
