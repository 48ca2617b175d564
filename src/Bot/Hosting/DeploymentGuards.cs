using Microsoft.Extensions.Options;
using PeerBot.Bot.Simulator;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// What a laptop does by itself must be asked for on a server: outside Development, a private PostgreSQL cluster needs
/// <c>PeerBot:PrivateCluster=true</c> and the (unauthenticated) simulator needs <c>PeerBot:Simulator=true</c>.
/// </summary>
public static class DeploymentGuards
{
    public const string PrivateClusterSetting = "PeerBot:PrivateCluster";

    public static IHostApplicationBuilder AddDeploymentGuards(this IHostApplicationBuilder builder)
    {
        // Checked when the host starts (with the final configuration, test hosts' included), before any hosted service runs.
        builder.Services.AddOptions<DeploymentCheck>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeploymentCheck>, DeploymentValidation>();
        return builder;
    }

    /// <summary>Null when this configuration may start here; otherwise the one line that says what to set.</summary>
    public static string? Refusal(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return null;
        }

        if (string.IsNullOrEmpty(configuration.GetConnectionString("PeerBot")) && configuration.GetValue<bool?>(PrivateClusterSetting) != true)
        {
            return $"No database configured for {environment.EnvironmentName}: set ConnectionStrings__PeerBot, or PeerBot__PrivateCluster=true to run a private PostgreSQL cluster from this machine's binaries.";
        }

        var simulator = SimulatorMode.From(configuration);
        if (simulator is { IsOn: true, Explicit: false })
        {
            return $"No chat platform configured for {environment.EnvironmentName}: set Slack__SigningSecret with Slack__BotToken (or Slack__ClientId/Slack__ClientSecret, or Slack__AppToken), or Teams__AppId with Teams__AppPassword; or PeerBot__Simulator=true to serve the unauthenticated simulator.";
        }

        return null;
    }

    /// <summary>
    /// Checks the guards and every option validated at start, right after the host is built (before endpoints read
    /// options). A refusal prints one line naming the setting; outside Development that is all (exit 1), in Development
    /// (a laptop, the test host) the exception is thrown as well.
    /// </summary>
    public static bool RefusesToStart(this WebApplication app)
    {
        try
        {
            if (Refusal(app.Configuration, app.Environment) is { } refusal)
            {
                throw new StartupRefusedException(refusal);
            }

            app.Services.GetService<IStartupValidator>()?.Validate();
            return false;
        }
        catch (Exception e) when (e is StartupRefusedException or OptionsValidationException || IsOnlyValidation(e))
        {
            var line = e switch
            {
                OptionsValidationException v => string.Join(" ", v.Failures),
                AggregateException a => string.Join(" ", a.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures).Distinct()),
                _ => e.Message,
            };
            Console.Error.WriteLine($"PeerBot did not start: {line}");
            if (app.Environment.IsDevelopment())
            {
                throw;
            }
        }

        return true;
    }

    // Several options failing at once (one setting read by two options) arrive as one AggregateException.
    private static bool IsOnlyValidation(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } a && a.InnerExceptions.All(i => i is OptionsValidationException);

    /// <summary>Nothing to bind: the type only carries the start-time check into the options pipeline.</summary>
    public sealed class DeploymentCheck;

    private sealed class DeploymentValidation(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<DeploymentCheck>
    {
        public ValidateOptionsResult Validate(string? name, DeploymentCheck options) =>
            Refusal(configuration, environment) is { } refusal ? ValidateOptionsResult.Fail(refusal) : ValidateOptionsResult.Success;
    }
}
