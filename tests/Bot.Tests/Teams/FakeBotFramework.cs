using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Teams;

/// <summary>
/// The Bot Framework on 127.0.0.1: OpenID metadata, a JWKS whose keys carry endorsements, the token
/// endpoint, and the Bot Connector (records every call). Mints channel tokens signed with its own RSA keys.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "2c4ac9a8-5a2f-4b7c-9c1e-000000000b07";
    public const string AppPassword = "test-app-password";
    public const string AccessToken = "bf-access-token-for-peerbot";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _scripted = new();
    private int _activityCount;
    private TaskCompletionSource _called = NewSignal();

    /// <summary>Published, endorsed for Teams.</summary>
    public RsaSecurityKey TeamsKey { get; } = NewKey("teams-key");

    /// <summary>Published, but endorsed only for Web Chat.</summary>
    public RsaSecurityKey WebChatKey { get; } = NewKey("webchat-key");

    /// <summary>Never published: claims the Teams key's id but signs with other material.</summary>
    public RsaSecurityKey ForgedKey { get; } = NewKey("teams-key");

    private FakeBotFramework(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string OpenIdMetadataUrl => BaseUrl + "v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "botframework.com/oauth2/v2.0/token";

    /// <summary>What Teams puts in activities: where the bot answers (here, this fake's Connector).</summary>
    public string ServiceUrl => BaseUrl + "teams/";

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    public IReadOnlyList<ConnectorCall> Activities => [.. _calls.Where(c => c.Path.EndsWith("/activities", StringComparison.Ordinal))];

    public Dictionary<string, string?> Settings => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = AppPassword,
        ["Teams:OpenIdMetadataUrl"] = OpenIdMetadataUrl,
        ["Teams:TokenEndpoint"] = TokenEndpoint,
    };

    /// <summary>The OpenID metadata and key endpoints answer 503, as when login.botframework.com is unreachable.</summary>
    public bool KeysDown { get; set; }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            if (fake.KeysDown)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            var metadata = JsonNode.Parse(Paths.ReadFixture("botframework_openid_configuration.json"))!;
            metadata["jwks_uri"] = fake.BaseUrl + "v1/.well-known/keys";
            return Results.Content(metadata.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/.well-known/keys", () => fake.KeysDown ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Content(fake.Jwks().ToJsonString(), "application/json"));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpContext c) => fake.RecordAsync(c, () =>
        {
            var response = JsonNode.Parse(Paths.ReadFixture("botframework_token_response.json"))!;
            response["access_token"] = AccessToken;
            return Results.Content(response.ToJsonString(), "application/json");
        }));
        app.MapPost("/teams/v3/conversations", (HttpRequest r, HttpContext c) => fake.RecordAsync(c, () =>
            Results.Content(Paths.ReadFixture("teams_create_conversation_response.json"), "application/json")));
        app.MapPost("/teams/v3/conversations/{id}/activities", (string id, HttpContext c) => fake.RecordAsync(c, () =>
            Results.Json(new { id = $"activity-{Interlocked.Increment(ref fake._activityCount)}" })));
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First() + "/";
        return fake;
    }

    /// <summary>The next Connector call gets this status instead of success (e.g. 429 with Retry-After).</summary>
    public void Script(int status, string? retryAfter = null) => _scripted.Enqueue((status, retryAfter));

    /// <summary>A channel-to-bot token as the Bot Framework issues it; each argument can be spoiled by a test.</summary>
    public string Mint(string serviceUrl, string? audience = null, string issuer = "https://api.botframework.com", DateTime? expires = null, SecurityKey? key = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience ?? AppId,
            IssuedAt = exp.AddHours(-1),
            NotBefore = exp.AddHours(-1),
            Expires = exp,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? TeamsKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public IReadOnlyList<ConnectorCall> ActivitiesTo(string conversationId) => [.. Activities.Where(c => c.IsTo(conversationId))];

    /// <summary>Waits until at least <paramref name="count"/> activities (matching <paramref name="where"/>) went to the conversation (any, when null); woken by each call, never polling.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForActivitiesAsync(int count, string? conversationId = null, int timeoutMs = 10_000, Func<ConnectorCall, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var called = _called.Task;
            var calls = (conversationId is null ? Activities : ActivitiesTo(conversationId)).Where(where ?? (_ => true)).ToList();
            if (calls.Count >= count)
            {
                return calls;
            }

            try
            {
                await called.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} activities, got: {string.Join(", ", Calls.Select(c => c.Path))}");
            }
        }
    }

    private async Task<IResult> RecordAsync(HttpContext context, Func<IResult> answer)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        _calls.Enqueue(new ConnectorCall(context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
        Interlocked.Exchange(ref _called, NewSignal()).TrySetResult();
        if (context.Request.Path.StartsWithSegments("/teams") && _scripted.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            return Results.StatusCode(scripted.Status);
        }

        return answer();
    }

    private JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(Jwk(TeamsKey, "msteams", "emulator"), Jwk(WebChatKey, "webchat")),
    };

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
        };
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request PeerBot made to the fake Bot Framework.</summary>
public sealed record ConnectorCall(string Path, string Authorization, string Body)
{
    public JsonNode? Json => Body.StartsWith('{') ? JsonNode.Parse(Body) : null;

    public bool IsTo(string conversationId) =>
        Uri.UnescapeDataString(Path).EndsWith($"/conversations/{conversationId}/activities", StringComparison.Ordinal);
}
