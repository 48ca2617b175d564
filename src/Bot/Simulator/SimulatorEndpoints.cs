using System.Reflection;

namespace PeerBot.Bot.Simulator;

/// <summary>The page (embedded, no build step) and the small JSON API it drives; mapped only while the simulator is on.</summary>
public static class SimulatorEndpoints
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["simulator.css"] = "text/css; charset=utf-8",
        ["simulator.js"] = "text/javascript; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/simulator/{file}", (string file) => Assets.ContainsKey(file) ? Asset(file) : Results.NotFound());

        var slack = app.MapGroup("/simulator/slack");
        slack.MapPost("/api/{method}", (string method, HttpContext c, SimulatedSlackApi api) => api.HandleAsync(method, c));
        slack.MapPost("/response/{id}", (string id, HttpContext c, SimulatedSlackApi api) => api.RespondAsync(id, c));
        slack.MapPost("/faults", (SlackFaultRequest r, SimulatedSlackFaults f) => { f.Apply(r); return Results.Ok(); });
        slack.MapMethods("/upload/{id}", ["POST", "PUT"], (string id, HttpContext c, SimulatedSlackApi api) => api.UploadAsync(id, c));
        app.MapGet("/simulator/files/{id}", (string id, SimulatedWorkspace w) =>
            w.File(id) is { } f ? Results.File(f.Bytes, f.Name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? "text/calendar" : f.ContentType, f.Name) : Results.NotFound());

        app.MapGet("/simulator/state", (long? after, SimulatedWorkspace w, TimePanel time) =>
            Results.Json(new { snapshot = w.Snapshot(after ?? 0), time = time.State(), bot = SimulatedWorkspace.BotUserId, lounge = SimulatedWorkspace.LoungeId }));
        app.MapPost("/simulator/teachers", (TeacherRequest r, SimulatedWorkspace w) =>
            string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 60 ? Results.BadRequest("A name of 1–60 characters, please.") : Results.Json(w.AddTeacher(r.Name)));

        var act = app.MapGroup("/simulator/act");
        act.MapPost("/command", async (CommandRequest r, SimulatedSlackClient s, CancellationToken ct) =>
            await Run(() => s.CommandAsync(r.User, r.Channel ?? SimulatedWorkspace.LoungeId, StripSlash(r.Text), ct)));
        act.MapPost("/message", async (MessageRequest r, SimulatedSlackClient s, CancellationToken ct) => await Run(() => s.DirectMessageAsync(r.User, r.Text, ct)));
        act.MapPost("/shortcut", async (ShortcutRequest r, SimulatedSlackClient s, CancellationToken ct) => await Run(() => s.ShortcutAsync(r.User, r.CallbackId, ct)));
        act.MapPost("/home", async (UserRequest r, SimulatedSlackClient s, CancellationToken ct) => await Run(() => s.OpenHomeAsync(r.User, ct)));
        act.MapPost("/click", async (ClickRequest r, SimulatedSlackClient s, CancellationToken ct) =>
            await Run(() => s.ClickAsync(r.User, r.Channel, r.Ts, r.ActionId, r.Value ?? "", r.BlockId, ct, r.ViewId)));
        act.MapPost("/submit", async (SubmitRequest r, SimulatedSlackClient s, CancellationToken ct) =>
            Results.Json(new { errors = await s.SubmitAsync(r.User, r.Values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value), ct) }));
        act.MapPost("/close", (UserRequest r, SimulatedSlackClient s) => { s.CloseModal(r.User); return Results.Ok(); });
        app.MapPost("/simulator/seed", async (SchoolSeed seed, CancellationToken ct) => Results.Json(new { joined = await seed.SeedAsync(ct) }));
        app.MapPost("/simulator/time/{id}", async (string id, TimePanel time, CancellationToken ct) => Results.Json(new { message = await time.RunAsync(id, ct) }));
    }

    /// <summary>"/peer help" and "help" both mean the command's text "help".</summary>
    private static string StripSlash(string text)
    {
        var t = text.Trim();
        return t.StartsWith("/peer", StringComparison.OrdinalIgnoreCase) ? t[5..].Trim() : t;
    }

    private static async Task<IResult> Run(Func<Task> action)
    {
        try
        {
            await action();
            return Results.Ok();
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(e.Message);
        }
    }

    private static IResult Asset(string name)
    {
        var stream = typeof(SimulatorEndpoints).Assembly.GetManifestResourceStream($"PeerBot.Bot.Simulator.Page.{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, Assets[name]);
    }
}
