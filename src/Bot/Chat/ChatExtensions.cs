namespace PeerBot.Bot.Chat;

public static class ChatExtensions
{
    /// <summary>The reply path both adapters share. Registered before the adapters, so it stops after them and before the database.</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InFlightWork>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InFlightWork>());
        builder.Services.AddSingleton<ReplyPath>();
        return builder;
    }
}
