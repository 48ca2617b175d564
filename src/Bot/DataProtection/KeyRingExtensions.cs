using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace PeerBot.Bot.DataProtection;

public static class KeyRingExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection for everything that encrypts at rest (Slack tokens, install state, the report-link key),
    /// shared by both platforms: the key ring in PostgreSQL (every instance decrypts), encrypted with
    /// <c>PeerBot__DataProtection__CertificatePath</c> when given.
    /// </summary>
    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        var dp = builder.Services.AddDataProtection().SetApplicationName("PeerBot");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresKeyRing(db));
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (options.CertificatePath is { Length: > 0 } path)
        {
            // Encrypts new keys and decrypts stored ones with the same certificate, so no machine store is needed.
            dp.ProtectKeysWithCertificate(Load(path, options.CertificatePassword));
        }

        builder.Services.AddHostedService<KeyRingCheck>();
        return builder;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"PeerBot:DataProtection:CertificatePath ({Path.GetFileName(path)}) has no private key: the key ring could be encrypted but never read back. Export it with its key (a .pfx).");
            }

            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"PeerBot:DataProtection:CertificatePath could not be loaded ({e.GetType().Name}: {e.Message}). Check the file and PeerBot:DataProtection:CertificatePassword.", e);
        }
    }
}
