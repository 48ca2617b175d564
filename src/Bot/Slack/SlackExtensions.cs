using Microsoft.Extensions.Http.Resilience;
using Polly;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Slack.Events;
using PeerBot.Bot.Slack.Install;
using PeerBot.Bot.Slack.SocketMode;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack;

public static class SlackExtensions
{
    /// <summary>The Slack adapter: signed endpoints, the Web API client and the Slack chat gateway.</summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<SlackOptions>().BindConfiguration("Slack")
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri && o.ApiBaseUrl.AbsoluteUri.EndsWith('/'), "Slack:ApiBaseUrl must be an absolute URL ending in '/'")
            .Validate(o => string.IsNullOrEmpty(o.ClientId) || !string.IsNullOrEmpty(o.ClientSecret), "Slack:ClientSecret is required when Slack:ClientId is set (set Slack__ClientSecret).")
            .Validate(o => string.IsNullOrEmpty(o.ClientSecret) || !string.IsNullOrEmpty(o.ClientId), "Slack:ClientId is required when Slack:ClientSecret is set (set Slack__ClientId).")
            .Validate(o => o.Enabled || !string.IsNullOrEmpty(o.AppToken) || (string.IsNullOrEmpty(o.BotToken) && string.IsNullOrEmpty(o.ClientId)),
                "Slack:SigningSecret is required to receive Slack's requests when Slack:BotToken or Slack:ClientId is set (set Slack__SigningSecret, or Slack__AppToken for Socket Mode).")
            .Validate(o => string.IsNullOrEmpty(o.AppToken) || !string.IsNullOrEmpty(o.BotToken) || !string.IsNullOrEmpty(o.ClientId),
                "Slack:AppToken (Socket Mode) needs a bot token to answer with (set Slack__BotToken, or Slack__ClientId and Slack__ClientSecret).")
            .ValidateOnStart();
        // A typed client from IHttpClientFactory (pooled handlers, rotated every few minutes so DNS changes are seen).
        s.AddHttpClient<SlackApiClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 3;
                // Retried only when the call cannot have taken effect twice (SlackApiClient marks each request); decided by the
                // request, not the response, which is absent after a timeout. Never 429: the outbox paces and honours Retry-After.
                o.Retry.ShouldHandle = a => ValueTask.FromResult(SlackApiClient.MayRetry(a.Context.GetRequestMessage())
                    && HttpClientResiliencePredicates.IsTransient(a.Outcome)
                    && a.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests);
                o.CircuitBreaker.ShouldHandle = a => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(a.Outcome) && a.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            }).Configure((o, sp) => o.AttemptTimeout.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value.CallTimeout);
        s.AddSlackInstall();
        s.AddSlackEvents();
        s.AddSlackSocketMode();
        s.AddHttpClient(SlackChatGateway.UploadClient, c => c.Timeout = TimeSpan.FromSeconds(60));
        s.AddSingleton<SlackChatGateway>();
        s.AddSingleton<IChatGateway>(sp => sp.GetRequiredService<SlackChatGateway>());
        s.AddSingleton<SlackRequest>();
        s.AddSingleton<SlackResponder>();
        s.AddSingleton(new PlatformHelpNote(SlackChatGateway.PlatformName,
            "Shortcuts: **Find a peer** and **Check in** are also in Slack's shortcuts menu (the / button by any message box) and in search."));
        s.AddSingleton<SlackCommandsEndpoint>();
        s.AddSingleton<SlackInteractivityEndpoint>();
        return builder;
    }

    public static WebApplication MapSlack(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value;
        if (!options.Enabled)
        {
            // No signing secret, no Slack: the endpoints do not exist rather than exist unchecked.
            return app;
        }

        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", (HttpContext c, SlackCommandsEndpoint e) => e.HandleAsync(c));
        slack.MapPost("/interactivity", (HttpContext c, SlackInteractivityEndpoint e) => e.HandleAsync(c));
        slack.MapPost("/events", (HttpContext c, SlackEventsEndpoint e) => e.HandleAsync(c));
        slack.MapGet("/install", (HttpContext c, SlackInstallEndpoints e) => e.Install(c));
        slack.MapGet("/oauth/callback", (HttpContext c, SlackInstallEndpoints e) => e.CallbackAsync(c));
        return app;
    }
}
