namespace PeerBot.Bot.Commands;

/// <summary>Who a verb is for. A new verb is for everyone unless it says otherwise, so menus cannot forget it.</summary>
public enum CommandAudience
{
    Everyone,
    Coaches,
    Admins,
}
