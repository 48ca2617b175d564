using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsManifestTests
{
    private static string Manifests => Path.Combine(Paths.RepositoryRoot, "manifests", "teams");

    [Fact]
    public async Task Manifest_IsValidAgainstTheTeamsSchema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Paths.Specs, "teams", "MicrosoftTeams.schema.json"));

        var errors = schema.Validate(await File.ReadAllTextAsync(Path.Combine(Manifests, "manifest.json")));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    // Teams' limits for a bot's command menu (manifest schema, and the stricter lengths of earlier manifest versions).
    private const int MaxLists = 3, MaxCommands = 12, MaxTitle = 32, MaxDescription = 128;

    [Fact]
    public async Task Manifest_CommandMenu_OffersEveryVerbForEveryone_AsRealVerbs_WithinTeamsLimits()
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Manifests, "manifest.json")))!;
        var bot = manifest["bots"]![0]!;
        var lists = bot["commandLists"]!.AsArray().Select(l => (
            Scopes: l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToList(),
            Commands: l["commands"]!.AsArray().Select(c => (Title: c!["title"]!.GetValue<string>(), Description: c["description"]?.GetValue<string>() ?? "")).ToList())).ToList();
        await using var app = await PeerBotApp.StartAsync();
        // The router's own table: a verb added anywhere (thanks, …) is checked here without touching this test.
        var verbs = app.Services.GetRequiredService<CommandRouter>().Verbs.ToList();
        var everyones = verbs.Where(v => v.Audience == CommandAudience.Everyone).Select(v => v.Verb).ToList();

        Assert.Contains("skip", everyones);
        Assert.DoesNotContain("admin", everyones);
        Assert.DoesNotContain("report", everyones);
        Assert.InRange(lists.Count, 1, MaxLists);
        // One list per scope, and every scope the bot is installed in has its menu.
        var listed = lists.SelectMany(l => l.Scopes).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.All(bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), scope => Assert.Contains(scope, listed));
        foreach (var (scopes, commands) in lists)
        {
            var titles = commands.Select(c => c.Title).ToList();
            Assert.InRange(commands.Count, 1, MaxCommands);
            Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(commands, c => Assert.True(c.Title.Length <= MaxTitle && c.Description.Length is > 0 and <= MaxDescription,
                $"'{c.Title}': Teams shows a title of up to {MaxTitle} characters and a description of 1 to {MaxDescription}; this one has {c.Title.Length} and {c.Description.Length}"));
            Assert.All(titles, t => Assert.False(t.StartsWith('/'), $"'{t}' starts with a slash"));
            Assert.All(titles, t => Assert.True(verbs.Any(v => v.Verb == t), $"The Teams menu offers '{t}', which PeerBot does not understand"));

            // Every verb for everyone is in the menu. Only when there are more than Teams allows may a verb be named in a
            // related command's description instead (resume in pause's), and then the menu must be full.
            var missing = everyones.Where(v => !titles.Contains(v, StringComparer.Ordinal)).ToList();
            var mentioned = missing.Where(v => commands.Any(c => System.Text.RegularExpressions.Regex.IsMatch(c.Description, $@"\b{v}\b"))).ToList();
            Assert.True(missing.Count == mentioned.Count && (missing.Count == 0 || commands.Count == MaxCommands),
                $"The Teams command menu for {string.Join("/", scopes)} (manifests/teams/manifest.json, bots[0].commandLists) does not offer: " +
                $"{string.Join(", ", missing.Except(mentioned))}{(missing.Count > 0 && commands.Count < MaxCommands ? $"; and it has room, so {string.Join(", ", mentioned)} should be commands of their own" : "")}. " +
                $"Add {{ \"title\": \"<verb>\", \"description\": \"<what it does, up to {MaxDescription} characters>\" }}. The menu holds {MaxCommands}: " +
                "when it is full, name the verb in a related command's description instead (e.g. pause: \"…; resume ends it early\").");
        }

        Assert.Equal("PeerBot", manifest["name"]!["short"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_HaveTheSizesTeamsRequires(string file, int size)
    {
        var (width, height, _) = ReadPng(Path.Combine(Manifests, file));

        Assert.Equal((size, size), (width, height));
    }

    [Fact]
    public void OutlineIcon_IsWhiteOnTransparentOnly()
    {
        var (_, _, pixels) = ReadPng(Path.Combine(Manifests, "outline.png"));

        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R == 255 && p.G == 255 && p.B == 255), $"pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Contains(pixels, p => p.A == 0);
    }

    /// <summary>Decodes an 8-bit RGBA, non-interlaced PNG (what the icon script writes) into pixels.</summary>
    private static (int Width, int Height, List<(byte R, byte G, byte B, byte A)> Pixels) ReadPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int BigEndian(int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
        var (width, height) = (BigEndian(16), BigEndian(20));
        Assert.Equal(8, bytes[24]);
        Assert.Equal(6, bytes[25]);
        var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length; at += 12 + BigEndian(at))
        {
            if (System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4) == "IDAT")
            {
                idat.Write(bytes, at + 8, BigEndian(at));
            }
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * 4;
        var previous = new byte[stride];
        var pixels = new List<(byte, byte, byte, byte)>();
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= 4 ? line[i - 4] : 0, b = previous[i], c = i >= 4 ? previous[i - 4] : 0;
                line[i] += filter switch { 1 => (byte)a, 2 => (byte)b, 3 => (byte)((a + b) / 2), 4 => Paeth(a, b, c), _ => 0 };
            }

            for (var x = 0; x < width; x++)
            {
                pixels.Add((line[x * 4], line[x * 4 + 1], line[x * 4 + 2], line[x * 4 + 3]));
            }

            previous = line;
        }

        return (width, height, pixels);
    }

    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
