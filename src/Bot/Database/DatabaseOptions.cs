namespace PeerBot.Bot.Database;

/// <summary>Settings under <c>PeerBot</c> that decide where the database lives.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Where the private PostgreSQL cluster lives when no connection string is configured.</summary>
    public string DataDirectory { get; set; } = ".peerbot";
}
