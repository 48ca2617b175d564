using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Teams;

/// <summary>The real bot with Teams configured against a <see cref="FakeBotFramework"/>; shared by the tests of one class.</summary>
public sealed class TeamsApp : IAsyncLifetime
{
    public FakeBotFramework BotFramework { get; private set; } = null!;

    public PeerBotApp App { get; private set; } = null!;

    public async Task InitializeAsync() => (BotFramework, App) = await StartAsync();

    public static async Task<(FakeBotFramework, PeerBotApp)> StartAsync(Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var bf = await FakeBotFramework.StartAsync();
        var settings = bf.Settings;
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return (bf, await PeerBotApp.StartAsync(settings, services));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await BotFramework.DisposeAsync();
    }
}
