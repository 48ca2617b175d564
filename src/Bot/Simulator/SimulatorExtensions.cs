using Microsoft.Extensions.Options;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Simulator;

public static class SimulatorExtensions
{
    /// <summary>
    /// The local workspace simulator: a simulated Slack inside this process, which the bot's real Slack adapter
    /// talks to through <c>Slack:ApiBaseUrl</c>, and a page that acts as Slack's client. Decided from configuration
    /// when the options are first read, so test hosts and <c>--urls</c> are honoured.
    /// </summary>
    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(sp => SimulatorMode.From(sp.GetRequiredService<IConfiguration>()));
        s.AddSingleton<IPostConfigureOptions<SlackOptions>, SimulatedSlackSettings>();
        s.AddSingleton<SimulatedSlackAddress>();
        s.AddTransient<SimulatedSlackRouting>();
        // Only rewrites the placeholder host, so it is harmless (and idle) when the simulator is off.
        s.AddHttpClient<SlackApiClient>().AddHttpMessageHandler<SimulatedSlackRouting>();
        // File bytes go to the upload URL the simulated Slack handed out (its placeholder host too).
        s.AddHttpClient(SlackChatGateway.UploadClient).AddHttpMessageHandler<SimulatedSlackRouting>();
        s.AddHttpClient(SimulatedSlackClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        s.AddSingleton<SimulatedWorkspace>();
        s.AddSingleton<SimulatedSlackApi>();
        s.AddSingleton<SimulatedSlackFaults>();
        s.AddSingleton<SimulatedSlackClient>();
        s.AddSingleton<SchoolSeed>();
        s.AddSingleton<QuietHoursSkip>();
        s.AddSingleton<PulseMemory>();
        s.AddSingleton<ITimeRun, RoundRun>();
        s.AddSingleton<ITimeRun, CheckInRun>();
        s.AddSingleton<ITimeRun, HeadsUpRun>();
        s.AddSingleton<ITimeRun, PulseRun>();
        s.AddSingleton<ITimeRun, PulseReminderRun>();
        s.AddSingleton<TimePanel>();
        return builder;
    }

    public static WebApplication MapSimulator(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SimulatorMode>().IsOn)
        {
            SimulatorEndpoints.Map(app);
        }

        return app;
    }
}
