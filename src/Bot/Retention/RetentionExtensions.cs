namespace PeerBot.Bot.Retention;

public static class RetentionExtensions
{
    /// <summary>Deletes delivered messages, dead letters, Slack event ids and old pulse comments past their retention.</summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RetentionSweep>();
        builder.Services.AddHostedService<RetentionService>();
        return builder;
    }
}
