using System.Net;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task DatabaseGone_MakesTheInstanceUnready_ButStillLive()
    {
        await using var app = await PeerBotApp.StartAsync();
        using var http = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);

        await ExecAsync(app.ConnectionString, "postgres", $"alter database {Database(app)} allow_connections false; select pg_terminate_backend(pid) from pg_stat_activity where datname = '{Database(app)}'");
        NpgsqlConnection.ClearAllPools();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task AMigrationMissingFromTheDatabase_MakesTheInstanceUnready()
    {
        await using var app = await PeerBotApp.StartAsync();
        using var http = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);

        await ExecAsync(app.ConnectionString, null, "delete from schema_migrations where version = (select max(version) from schema_migrations)");

        var ready = await http.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task HangfireStorageGone_MakesTheInstanceUnready()
    {
        await using var app = await PeerBotApp.StartAsync();
        using var http = app.Http();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);

        await ExecAsync(app.ConnectionString, null, "alter schema hangfire rename to hangfire_gone");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
    }

    private static string Database(PeerBotApp app) => new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;

    private static async Task ExecAsync(string connectionString, string? database, string sql)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
        {
            b.Database = database;
        }

        await using var conn = new NpgsqlConnection(b.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
