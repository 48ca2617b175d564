using PeerBot.Bot.Admin;
using PeerBot.Bot.Ask;
using PeerBot.Bot.Chat;
using PeerBot.Bot.Cli;
using PeerBot.Bot.Commands;
using PeerBot.Bot.DataProtection;
using PeerBot.Bot.Database;
using PeerBot.Bot.Delivery;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Observability;
using PeerBot.Bot.Pulse;
using PeerBot.Bot.Reports;
using PeerBot.Bot.Retention;
using PeerBot.Bot.Rounds;
using PeerBot.Bot.Scheduling;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Teams;
using PeerBot.Bot.Thanks;
using PeerBot.Bot.Workspaces;

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSystemd();
builder.AddObservability();
builder.AddDeploymentGuards();
builder.AddOutboundHttp();
builder.AddProxySupport();
builder.AddDatabase();
builder.AddKeyRing();
builder.AddWorkspaces();
builder.AddScheduling();
builder.AddChat();
builder.AddCommands();
builder.AddSlack();
builder.AddTeams();
builder.AddDelivery();
builder.AddRounds();
builder.AddThanks();
builder.AddAdmin();
builder.AddSimulator();
builder.AddPulse();
builder.AddAsk();
builder.AddReports();
builder.AddRetention();

var app = builder.Build();
if (app.RefusesToStart())
{
    return 1;
}

app.UseProxySupport();
app.UseBodyLimits();
app.UseDatabaseOutage();
app.UseObservability();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealth();
app.MapSlack();
app.MapTeams();
app.MapScheduling();
app.MapSimulator();
app.MapReports();
app.LogStartup();
await app.RunAsync();
return 0;

public partial class Program;
