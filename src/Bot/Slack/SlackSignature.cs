using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PeerBot.Bot.Slack;

/// <summary>
/// Slack's request signing: <c>v0=</c> + hex HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>),
/// timestamps older or newer than five minutes refused (replays), compared in constant time.
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static SignatureCheck Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > MaxAge.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(signingSecret, timestamp, body, expected);
        Span<byte> given = stackalloc byte[32];
        return Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) == System.Buffers.OperationStatus.Done
               && written == 32
               && CryptographicOperations.FixedTimeEquals(expected, given)
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    /// <summary>The header value Slack would send for this body (tests and the simulator sign with it).</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(signingSecret, timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    private static void Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // Incremental HMAC over "v0:" + timestamp + ":" + body: no copy of the body.
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        mac.AppendData("v0:"u8);
        mac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        mac.AppendData(":"u8);
        mac.AppendData(body);
        mac.GetHashAndReset(destination);
    }
}

public enum SignatureCheck
{
    Valid,
    Missing,
    Stale,
    Mismatch,
}
