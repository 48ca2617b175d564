using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PeerBot.Bot.Slack.Install;

/// <summary>
/// The OAuth <c>state</c>: a nonce and its issue time, encrypted and signed with Data Protection. The same nonce goes
/// in a cookie, so a state only works in the browser that started the install (CSRF), and only for <see cref="Lifetime"/>.
/// </summary>
public sealed class SlackInstallState(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const string CookieName = "peerbot_slack_install";

    private readonly IDataProtector _protector = protection.CreateProtector("PeerBot.Slack.InstallState.v1");

    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string Issue(string nonce, DateTimeOffset issuedAt) => _protector.Protect($"{issuedAt.ToUnixTimeSeconds()}:{nonce}");

    /// <summary>Why a returning state is refused, or null when it is good.</summary>
    public string? Check(string? state, string? cookieNonce)
    {
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookieNonce))
        {
            return "missing";
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(state);
        }
        catch (CryptographicException)
        {
            return "forged";
        }

        var parts = plain.Split(':', 2);
        if (parts.Length != 2 || !long.TryParse(parts[0], out var issued))
        {
            return "forged";
        }

        if (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) > Lifetime)
        {
            return "expired";
        }

        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(parts[1]), System.Text.Encoding.ASCII.GetBytes(cookieNonce))
            ? null
            : "not this browser's";
    }
}
