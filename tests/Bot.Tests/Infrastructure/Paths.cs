namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>Where the repository and the shared specs are, found from the test binaries.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The steering repo's shared specs, checked out beside ours (<c>../shared</c>).</summary>
    public static string Specs => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "specs"));

    public static string Fixture(string name) => Path.Combine(Specs, "fixtures", name);

    public static string ReadFixture(string name) => File.ReadAllText(Fixture(name));

    private static string FindRoot()
    {
        var built = typeof(Paths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "PeerBot.sln")))
        {
            return Path.GetFullPath(built);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PeerBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PeerBot.sln not found above the test binaries");
    }
}
