namespace PeerBot.Bot.DataProtection;

/// <summary>Settings under <c>PeerBot:DataProtection</c>: how the key ring that encrypts bot tokens and report keys is itself kept safe.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "PeerBot:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key before it is stored; its private key decrypts them.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
