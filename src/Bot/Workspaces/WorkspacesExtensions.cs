namespace PeerBot.Bot.Workspaces;

public static class WorkspacesExtensions
{
    /// <summary>What both platforms share about a workspace's life: offboarding when it removes PeerBot.</summary>
    public static IHostApplicationBuilder AddWorkspaces(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkspaceOffboarder>();
        builder.Services.AddSingleton<IWorkspaceOffboarding, WorkspaceRecurringJobs>();
        return builder;
    }
}
