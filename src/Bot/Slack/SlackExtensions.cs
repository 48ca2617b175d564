using Microsoft.Extensions.Http.Resilience;
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
            .ValidateOnStart();
        s.AddHttpClient<SlackApiClient>().AddStandardResilienceHandler(o =>
        {
            // Slack's 429s carry Retry-After, which the retry strategy honours.
            o.Retry.MaxRetryAttempts = 3;
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
        });
        s.AddSingleton<ISlackTokenSource, ConfiguredSlackToken>();
        s.AddSingleton<SlackChatGateway>();
        s.AddSingleton<IChatGateway>(sp => sp.GetRequiredService<SlackChatGateway>());
        s.AddSingleton<SlackRequest>();
        s.AddSingleton<SlackResponder>();
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
        return app;
    }
}
