using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.DataProtection;

/// <summary>Keys at rest: with a certificate the stored key ring is encrypted and the tokens it protects still decrypt after a restart.</summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Team = "T9TK3CUKW";
    private const string FixtureBotToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    private const string Password = "pfx-password-for-tests";
    private readonly string _folder = Directory.CreateTempSubdirectory("peerbot-keyring-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WithACertificate_TheStoredKeyRingIsEncrypted_AndTokensStillDecryptAfterARestart()
    {
        var settings = OAuth(CertificateFile());
        string connection;
        await using (var first = await PeerBotApp.StartAsync(settings))
        {
            connection = first.ConnectionString;
            await InstallAsync(first);
            Assert.Equal(FixtureBotToken, await first.Services.GetRequiredService<ISlackTokenSource>().GetBotTokenAsync(Team, CancellationToken.None));
        }

        await using var second = await PeerBotApp.StartAsync(settings, connectionString: connection);
        var xml = await second.ScalarAsync<string>("select string_agg(xml, '') from data_protection_keys");
        Assert.NotNull(xml);
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        Assert.Equal(FixtureBotToken, await second.Services.GetRequiredService<ISlackTokenSource>().GetBotTokenAsync(Team, CancellationToken.None));
        Assert.DoesNotContain(second.Logs.Lines, l => l.Contains("key ring", StringComparison.Ordinal) && l.Contains("unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutACertificate_InProduction_AWarningSaysTheKeyRingIsUnencrypted()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["environment"] = "Production" });
        Assert.Contains(app.Logs.Lines, l => l.Contains("kept unencrypted in the database", StringComparison.Ordinal) && l.Contains("PeerBot__DataProtection__CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutACertificate_InDevelopment_NoWarning()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["environment"] = "Development" });
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/healthz/live")).StatusCode);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("kept unencrypted in the database", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> OAuth(string certificate) => new()
    {
        ["Slack:BotToken"] = "",
        ["Slack:ClientId"] = "1111.2222",
        ["Slack:ClientSecret"] = "client-secret-for-tests",
        ["PeerBot:DataProtection:CertificatePath"] = certificate,
        ["PeerBot:DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>What the README's openssl line makes: a self-signed RSA certificate with its key, in a password-protected .pfx.</summary>
    private string CertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PeerBot key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(_folder, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static async Task InstallAsync(PeerBotApp app)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseUrl };
        var start = await browser.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var state = HttpUtility.ParseQueryString(start.Headers.Location!.Query)["state"]!;
        var callback = await browser.GetAsync($"/slack/oauth/callback?code={FakeSlack.GoodOAuthCode}&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
    }
}
