using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PeerBot.Matching.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary>
/// Signed, expiring report links: <c>{PublicBaseUrl}/reports/{payload}.{HMAC-SHA256(payload)}</c>, where the payload
/// is the scope (workspace, cohort, weeks), the expiry and the coach it was made for (whose right to read is checked
/// again on every use). Anything altered fails the signature; the expiry is only believed once the signature holds.
/// </summary>
public sealed class ReportLinks(ReportLinkKey key, IOptions<ReportOptions> options, IConfiguration configuration, TimeProvider clock)
{
    private const string Context = "peerbot-report-v1|";

    public Uri? BaseUrl => Uri.TryCreate(configuration["PeerBot:PublicBaseUrl"], UriKind.Absolute, out var u) ? u : null;

    public async Task<(Uri? Url, DateTimeOffset Expires)> CreateAsync(Guid workspaceId, string reader, ReportScope scope, CancellationToken ct)
    {
        var expires = clock.GetUtcNow().AddHours(options.Value.LinkHours);
        var token = await TokenAsync(workspaceId, reader, scope, expires, ct);
        return (BaseUrl is { } b ? new Uri(b, $"reports/{token}") : null, expires);
    }

    public async Task<string> TokenAsync(Guid workspaceId, string reader, ReportScope scope, DateTimeOffset expires, CancellationToken ct)
    {
        var payload = $"{workspaceId:N}|{scope.Weeks}|{expires.ToUnixTimeSeconds()}|{reader.Replace("|", "", StringComparison.Ordinal)}|{scope.Cohort}";
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return $"{encoded}.{Base64Url.EncodeToString(await SignAsync(encoded, ct))}";
    }

    public async Task<(ReportLinkCheck Check, Guid WorkspaceId, string Reader, ReportScope? Scope)> VerifyAsync(string token, CancellationToken ct)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 2000 || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return (ReportLinkCheck.Invalid, Guid.Empty, "", null);
        }

        var encoded = token[..dot];
        var expected = await SignAsync(encoded, ct);
        if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(token.AsSpan(dot + 1)), expected))
        {
            return (ReportLinkCheck.Invalid, Guid.Empty, "", null);
        }

        // A link signed before links named their coach has four parts: it names nobody, so it opens for nobody.
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded)).Split('|', 5);
        if (parts.Length < 5 || parts[3].Length == 0)
        {
            return (ReportLinkCheck.Invalid, Guid.Empty, "", null);
        }

        var workspace = Guid.ParseExact(parts[0], "N");
        var scope = new ReportScope(parts[4].Length == 0 ? null : parts[4], int.Parse(parts[1], CultureInfo.InvariantCulture));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[2], CultureInfo.InvariantCulture));
        return expires <= clock.GetUtcNow() ? (ReportLinkCheck.Expired, Guid.Empty, "", null) : (ReportLinkCheck.Valid, workspace, parts[3], scope);
    }

    private async Task<byte[]> SignAsync(string encodedPayload, CancellationToken ct) =>
        HMACSHA256.HashData(await key.GetAsync(ct), Encoding.UTF8.GetBytes(Context + encodedPayload));
}
