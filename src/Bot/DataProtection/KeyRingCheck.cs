using Microsoft.Extensions.Options;

namespace PeerBot.Bot.DataProtection;

/// <summary>Says at start, in Production, that the key ring is stored unencrypted because no certificate is configured.</summary>
public sealed partial class KeyRingCheck(IConfiguration configuration, IHostEnvironment environment, ILogger<KeyRingCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (environment.IsProduction() && string.IsNullOrEmpty(options.CertificatePath))
        {
            LogUnencrypted();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection key ring (which decrypts the stored Slack tokens and the report-link key) is kept unencrypted in the database: set PeerBot__DataProtection__CertificatePath (and __CertificatePassword) to a .pfx certificate to encrypt it (see README, 'Keys at rest')")]
    private partial void LogUnencrypted();
}
