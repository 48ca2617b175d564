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

    [Fact]
    public async Task Manifest_CommandsAreRealVerbs_WithoutSlashesOrDuplicates()
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Manifests, "manifest.json")))!;
        var titles = manifest["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>()).ToList();
        await using var app = await PeerBotApp.StartAsync();
        var verbs = app.Services.GetRequiredService<CommandRouter>().Verbs.Select(v => v.Verb).ToHashSet();

        Assert.NotEmpty(titles);
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(titles, t => Assert.False(t.StartsWith('/'), $"'{t}' starts with a slash"));
        Assert.All(titles, t => Assert.Contains(t, verbs));
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
