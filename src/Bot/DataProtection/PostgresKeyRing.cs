using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace PeerBot.Bot.DataProtection;

/// <summary>The Data Protection key ring in PostgreSQL: every instance reads the same keys, so any can decrypt a token or a report key.</summary>
public sealed class PostgresKeyRing(NpgsqlDataSource db) : IXmlRepository
{
    // IXmlRepository is synchronous by contract; it is read rarely (the key ring is cached and refreshed about daily).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("select xml from data_protection_keys order by created_at");
        using var reader = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("insert into data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do update set xml = excluded.xml");
        cmd.Parameters.Add(new() { Value = friendlyName });
        cmd.Parameters.Add(new() { Value = element.ToString(SaveOptions.DisableFormatting) });
        cmd.ExecuteNonQuery();
    }
}
