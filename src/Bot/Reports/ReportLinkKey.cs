using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PeerBot.Bot.Reports;

/// <summary>
/// The HMAC key for report links: from <c>PeerBot:Reports:LinkSecret</c>, or else one random key shared by every
/// instance through the database, stored encrypted by Data Protection (whose key ring is in the database too).
/// </summary>
public sealed class ReportLinkKey(IOptions<ReportOptions> options, NpgsqlDataSource db, IDataProtectionProvider protection)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(ct);
        try
        {
            return _key ??= options.Value.LinkSecret is { Length: > 0 } secret
                ? SHA256.HashData(Encoding.UTF8.GetBytes(secret))
                : await LoadOrCreateAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken ct)
    {
        var protector = protection.CreateProtector("PeerBot.Reports.LinkKey.v1");
        await using (var insert = db.CreateCommand("insert into report_link_keys (id, protected_key) values (1, $1) on conflict (id) do nothing"))
        {
            insert.Parameters.Add(new() { Value = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
            await insert.ExecuteNonQueryAsync(ct);
        }

        // Whoever inserted first wins; everyone reads the same key.
        await using var select = db.CreateCommand("select protected_key from report_link_keys where id = 1");
        return Convert.FromBase64String(protector.Unprotect((string)(await select.ExecuteScalarAsync(ct))!));
    }
}
