namespace PeerBot.Bot.Tests.Cli;

/// <summary>A fresh directory for one test's input and output files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("peerbot-cli-").FullName;

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteLines(string name, IEnumerable<string> lines) => Write(name, string.Join('\n', lines) + "\n");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
