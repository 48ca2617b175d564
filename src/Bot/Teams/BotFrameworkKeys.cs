using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PeerBot.Bot.Teams;

/// <summary>The Bot Framework's current signing keys, and for each key the channels it may speak for (its endorsements).</summary>
public sealed record BotFrameworkKeys(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements)
{
    public bool Endorses(string keyId, string channelId) =>
        channelId.Length > 0 && Endorsements.TryGetValue(keyId, out var channels) && channels.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Reads the OpenID metadata, then the JWKS it points to. A custom retriever because the stock one
/// drops the Bot Framework's non-standard <c>endorsements</c> of each key.
/// </summary>
public sealed class BotFrameworkKeysRetriever : IConfigurationRetriever<BotFrameworkKeys>
{
    public async Task<BotFrameworkKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        using var metadata = JsonDocument.Parse(await retriever.GetDocumentAsync(address, cancel));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var u) ? u.GetString() : null;
        if (string.IsNullOrEmpty(jwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata at {address} names no jwks_uri");
        }

        var jwksJson = await retriever.GetDocumentAsync(jwksUri, cancel);
        var set = new JsonWebKeySet(jwksJson);
        using var jwks = JsonDocument.Parse(jwksJson);
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.GetString() is { } id
                && key.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                endorsements[id] = [.. e.EnumerateArray().Select(x => x.GetString() ?? "")];
            }
        }

        return new BotFrameworkKeys([.. set.GetSigningKeys()], endorsements);
    }
}
