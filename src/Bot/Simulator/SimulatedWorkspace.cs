using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// The state of the simulated Slack workspace, in memory: its people, conversations, what was posted, open modals,
/// App Home views, uploaded files, and the trigger ids and response_urls it handed out. Everything the page shows.
/// </summary>
public sealed class SimulatedWorkspace
{
    public const string TeamId = "T0SIMSCHOOL", TeamDomain = "maple-grove", BotUserId = "U0PEERBOT", LoungeId = "C0LOUNGE";

    /// <summary>How long a trigger_id may open a modal (Slack: three seconds; generous here for slow machines).</summary>
    public static readonly TimeSpan TriggerLifetime = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimTeacher> _teachers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimConversation> _conversations = new(StringComparer.Ordinal);
    private readonly List<SimItem> _items = [];
    private readonly List<SimApiCall> _calls = [];
    private readonly Dictionary<string, SimModal> _modals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _homes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string UserId, DateTimeOffset Expires)> _triggers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string UserId, string Channel)> _responseUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string ContentType, byte[] Bytes)> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private long _seq;
    private int _nextTeacher;

    public SimulatedWorkspace(TimeProvider clock)
    {
        _clock = clock;
        foreach (var t in SampleTeachers.Starters)
        {
            _teachers[t.Id] = t;
        }

        _conversations[LoungeId] = new SimConversation(LoungeId, "channel", "#teachers-lounge", []);
    }

    public IReadOnlyList<SimTeacher> Teachers { get { lock (_gate) { return [.. _teachers.Values]; } } }

    public SimTeacher? Teacher(string id) { lock (_gate) { return _teachers.GetValueOrDefault(id); } }

    /// <summary>Adds a person by name (the page's "add a teacher"); the id is new, the time zone the school's.</summary>
    public SimTeacher AddTeacher(string name, string? timeZone = null, string? id = null)
    {
        lock (_gate)
        {
            if (id is not null && _teachers.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var teacher = new SimTeacher(id ?? $"U0NEW{++_nextTeacher:D3}", name.Trim(), timeZone ?? "America/Chicago");
            _teachers[teacher.Id] = teacher;
            return teacher;
        }
    }

    /// <summary>The DM with PeerBot for one person, or the group DM of several (conversations.open: the same one each time).</summary>
    public SimConversation Open(IReadOnlyList<string> users)
    {
        var sorted = users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var id = sorted.Length == 1 ? "D" + sorted[0] : "G" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', sorted))))[..10];
        lock (_gate)
        {
            if (!_conversations.TryGetValue(id, out var conversation))
            {
                conversation = sorted.Length == 1
                    ? new SimConversation(id, "im", "PeerBot", sorted)
                    : new SimConversation(id, "mpim", string.Join(", ", sorted.Select(u => _teachers.GetValueOrDefault(u)?.Name ?? u)), sorted);
                _conversations[id] = conversation;
            }

            return conversation;
        }
    }

    public SimConversation? Conversation(string id) { lock (_gate) { return _conversations.GetValueOrDefault(id); } }

    public SimItem Post(string kind, string channel, string from, string? visibleTo, string text, JsonNode? blocks)
    {
        lock (_gate)
        {
            var seq = ++_seq;
            var ts = string.Create(CultureInfo.InvariantCulture, $"{_clock.GetUtcNow().ToUnixTimeSeconds()}.{seq:D6}");
            var item = new SimItem(seq, kind, channel, from, visibleTo, text, blocks?.DeepClone(), ts);
            _items.Add(item);
            return item;
        }
    }

    public SimItem Note(string userId, string channel, string text) => Post("note", channel, BotUserId, userId, text, null);

    public SimItem? Item(string channel, string ts) { lock (_gate) { return _items.LastOrDefault(i => i.Channel == channel && i.Ts == ts); } }

    public IReadOnlyList<SimItem> MessagesIn(string channel) { lock (_gate) { return [.. _items.Where(i => i.Channel == channel && i.Kind == "message")]; } }

    public void Record(string method, bool ok, string summary)
    {
        lock (_gate)
        {
            _calls.Add(new SimApiCall(++_seq, method, ok, summary));
            if (_calls.Count > 300)
            {
                _calls.RemoveAt(0);
            }
        }
    }

    public IReadOnlyList<SimApiCall> CallsTo(string method) { lock (_gate) { return [.. _calls.Where(c => c.Method == method)]; } }

    public string NewTrigger(string userId)
    {
        var trigger = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}.{Random.Shared.Next(100_000, 999_999)}.{Guid.NewGuid():N}";
        lock (_gate)
        {
            _triggers[trigger] = (userId, _clock.GetUtcNow() + TriggerLifetime);
        }

        return trigger;
    }

    /// <summary>The person a trigger_id belongs to, once and only while fresh (Slack's triggers are single-use).</summary>
    public string? UseTrigger(string trigger)
    {
        lock (_gate)
        {
            return _triggers.Remove(trigger, out var t) && t.Expires > _clock.GetUtcNow() ? t.UserId : null;
        }
    }

    /// <summary>A response_url for a command or click: replies posted there land as ephemeral messages for the person.</summary>
    public Uri NewResponseUrl(string userId, string channel)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _responseUrls[id] = (userId, channel);
        }

        return SimulatedSlackAddress.Public($"simulator/slack/response/{id}");
    }

    public (string UserId, string Channel)? ResponseTarget(string id) { lock (_gate) { return _responseUrls.TryGetValue(id, out var t) ? t : null; } }

    public SimModal OpenModal(string userId, JsonObject view, string? viewId = null)
    {
        var modal = new SimModal(viewId ?? "V" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), userId, view);
        lock (_gate)
        {
            _modals[userId] = modal;
            _seq++;
        }

        return modal;
    }

    public SimModal? Modal(string userId) { lock (_gate) { return _modals.GetValueOrDefault(userId); } }

    public SimModal? ModalById(string viewId) { lock (_gate) { return _modals.Values.FirstOrDefault(m => m.ViewId == viewId); } }

    public void CloseModal(string userId) { lock (_gate) { _modals.Remove(userId); _seq++; } }

    public void PublishHome(string userId, JsonObject view) { lock (_gate) { _homes[userId] = view; _seq++; } }

    public string AddFile(string name, string contentType, byte[] bytes)
    {
        var id = "F" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        lock (_gate)
        {
            _files[id] = (name, contentType, bytes);
        }

        return id;
    }

    public void FillFile(string id, string contentType, byte[] bytes) { lock (_gate) { if (_files.TryGetValue(id, out var f)) { _files[id] = (f.Name, contentType, bytes); } } }

    public (string Name, string ContentType, byte[] Bytes)? File(string id) { lock (_gate) { return _files.TryGetValue(id, out var f) ? f : null; } }

    /// <summary>Everything since <paramref name="after"/> (items and calls), and the small lists in full.</summary>
    public SimSnapshot Snapshot(long after)
    {
        lock (_gate)
        {
            return new SimSnapshot(
                _seq,
                [.. _teachers.Values],
                [.. _conversations.Values],
                [.. _items.Where(i => i.Seq > after)],
                [.. _calls.Where(c => c.Seq > after)],
                [.. _modals.Values],
                _homes.ToDictionary(h => h.Key, h => (JsonObject)h.Value.DeepClone(), StringComparer.Ordinal));
        }
    }
}
