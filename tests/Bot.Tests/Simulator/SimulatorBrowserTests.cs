using Microsoft.Playwright;
using PeerBot.Bot.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PeerBot.Bot.Tests.Simulator;

/// <summary>The simulator page in a real headless browser (Debian's chromium): what a newcomer does in their first minutes.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorBrowserTests : IAsyncLifetime
{
    // README's prerequisites: Debian's /usr/bin/chromium, or whatever PEERBOT_CHROMIUM names, or a Chromium/Chrome on PATH or in /Applications.
    private static readonly string Chromium = FindChromium();
    private PeerBotApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowserContext _browser = null!;
    private string _profile = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), "No Chromium found: install it as README's prerequisites say (Debian: apt-get install chromium; .ci/run does), or set PEERBOT_CHROMIUM to its executable");
        _app = await SimulatorHost.StartAsync();
        _profile = Directory.CreateTempSubdirectory("peerbot-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
    }

    private static string FindChromium()
    {
        if (Environment.GetEnvironmentVariable("PEERBOT_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(d => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(n => Path.Combine(d, n)));
        string[] apps = ["/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"];
        return new[] { "/usr/bin/chromium" }.Concat(onPath).Concat(apps).FirstOrDefault(File.Exists) ?? "/usr/bin/chromium";
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_profile, recursive: true);
    }

    [Fact]
    public async Task Newcomer_GetsHelp_JoinsByTheModal_SeedsASchool_RunsARound_AndReadsAGroupDm()
    {
        var page = _browser.Pages.Count > 0 ? _browser.Pages[0] : await _browser.NewPageAsync();
        var offsite = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(_app.BaseUrl.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                offsite.Add(r.Url);
            }
        };
        await page.GotoAsync(_app.BaseUrl.ToString());
        await Expect(page.GetByLabel("You are")).ToHaveValueAsync("U0ANA");

        // /peer help, typed and sent with Enter.
        var composer = page.GetByLabel("Message #teachers-lounge");
        await composer.FillAsync("/peer help");
        await composer.PressAsync("Enter");
        var messages = page.Locator("#messages");
        await Expect(messages).ToContainTextAsync("Only visible to you");
        foreach (var verb in new[] { "/peer join", "/peer profile", "/peer pause", "/peer leave" })
        {
            await Expect(messages).ToContainTextAsync(verb);
        }

        // Join by the modal: a mistake is shown next to its field, then it saves.
        await composer.FillAsync("/peer join");
        await composer.PressAsync("Enter");
        var modal = page.GetByRole(AriaRole.Dialog, new() { Name = "Your PeerBot profile" });
        await Expect(modal).ToBeVisibleAsync();
        await modal.GetByLabel("What are you looking for?").SelectOptionAsync("mentee");
        await modal.GetByLabel("Subjects you teach").FillAsync("math, science");
        await modal.GetByLabel("Years teaching").FillAsync("lots");
        await modal.GetByLabel("6-8").CheckAsync();
        await modal.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(page.Locator("#err-years")).ToContainTextAsync("not a number of years");
        await Expect(modal.GetByLabel("Years teaching")).ToBeFocusedAsync();
        await modal.GetByLabel("Years teaching").FillAsync("2");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Expect(modal).ToBeHiddenAsync();
        await Expect(messages).ToContainTextAsync("Welcome to PeerBot");

        // A school, a round, and a pod's group DM with why they were put together.
        await page.GetByRole(AriaRole.Button, new() { Name = "Seed a school (30 teachers)" }).ClickAsync();
        await Expect(page.Locator("#time-status")).ToContainTextAsync("Seeded: 30 teachers", new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Run a pairing round" }).ClickAsync();
        await Expect(page.Locator("#time-status")).ToContainTextAsync("Round done", new() { Timeout = 120_000 });
        var group = page.Locator("#groups button, #others button").First;
        await Expect(group).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await group.ClickAsync();
        await Expect(page.Locator("#title")).ToContainTextAsync("Group DM:");
        await Expect(messages).ToContainTextAsync("Why you:", new() { Timeout = 15_000 });

        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "simulator-group-dm.png"), FullPage = true });
        Assert.Empty(offsite);
    }
}
