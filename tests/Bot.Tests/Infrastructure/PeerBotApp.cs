using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot (its <c>Program</c>) on a real Kestrel socket, on its own fresh PostgreSQL database,
/// talking to a <see cref="FakeSlack"/> on 127.0.0.1.
/// </summary>
public sealed class PeerBotApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsSlack;

    private PeerBotApp(Dictionary<string, string?> settings, Action<IServiceCollection>? services, FakeSlack slack, bool ownsSlack, string connectionString)
    {
        _settings = settings;
        _services = services;
        Slack = slack;
        _ownsSlack = ownsSlack;
        ConnectionString = connectionString;
        Port = FreePort();
        UseKestrel(Port);
    }

    public FakeSlack Slack { get; }

    /// <summary>What the bot logged (PeerBot at Information, everything at Warning): shown when a wait times out.</summary>
    public CapturedLogs Logs { get; } = new();

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string ConnectionString { get; }

    /// <param name="connectionString">Another app's database, to run several instances on one database.</param>
    /// <param name="slack">
    /// A Slack that outlives this instance, shared with other instances as one real workspace is (the caller disposes it);
    /// otherwise the app starts its own and stops it when disposed.
    /// </param>
    public static Task<PeerBotApp> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool database = true, string? connectionString = null, FakeSlack? slack = null) =>
        // Started off xunit's limited synchronization context: the bot's background work (slow replies through
        // response_url, the outbox dispatcher, Hangfire) must not queue its continuations behind other tests.
        Task.Run(() => StartCoreAsync(settings, services, database, connectionString, slack));

    private static async Task<PeerBotApp> StartCoreAsync(Dictionary<string, string?>? settings, Action<IServiceCollection>? services, bool database, string? connectionString, FakeSlack? shared)
    {
        var slack = shared ?? await FakeSlack.StartAsync();
        connectionString = database ? connectionString ?? await TestDatabase.CreateAsync() : "";
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:PeerBot"] = connectionString,
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["PeerBot:DashboardPassword"] = "dashboard-test-password",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:System"] = "Warning",
            ["Logging:LogLevel:Hangfire"] = "Warning",
        };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var app = new PeerBotApp(all, services, slack, ownsSlack: shared is null, connectionString);
        app.StartServer();
        return app;
    }

    public HttpClient Http() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseUrl });

    public async Task<HttpResponseMessage> SendCommandAsync(string text, string userId = "U100", string teamId = "T100", string userName = "ana")
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, userId, teamId, Slack.ResponseUrl(), userName));
        return await Http().SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendInteractionAsync(string json)
    {
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(json));
        return await Http().SendAsync(request);
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        }

        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }

        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Information).AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Warning).AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
            if (_ownsSlack)
            {
                await Slack.DisposeAsync();
            }

            if (ConnectionString.Length > 0)
            {
                // Pools keyed by the connection string (Hangfire's) outlive the bot: hand their connections back now.
                await using var pooled = new NpgsqlConnection(ConnectionString);
                NpgsqlConnection.ClearPool(pooled);
            }
        }
        finally
        {
            // Each bot's log, kept beside the test binaries for when a test failed for a reason its assertion cannot show.
            var logs = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "logs"));
            await File.WriteAllLinesAsync(Path.Combine(logs.FullName, $"bot-{Port}.log"), Logs.Lines);
        }
    }
}
