using System.Globalization;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>pause [weeks]</c>: no nudges or pairings for a while; ends by itself.</summary>
public sealed class PauseCommand(MemberDirectory members, TimeProvider clock) : ICommandHandler
{
    public const int DefaultWeeks = 2;
    public const int MaxWeeks = 26;

    public CommandInfo Info { get; } = new("pause", "pause [weeks]", $"take a break from nudges and pairing (default {DefaultWeeks} weeks)", "pause 3");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var weeks = DefaultWeeks;
        var arg = command.Arguments.Replace("weeks", "", StringComparison.OrdinalIgnoreCase).Replace("week", "", StringComparison.OrdinalIgnoreCase).Trim();
        if (arg.Length > 0 && (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > MaxWeeks))
        {
            return new MessageReply(ChatMessage.Plain(
                $"\"{command.Arguments}\" isn't a number of weeks I can pause for: give 1 to {MaxWeeks}, e.g. `{command.Prefix}pause 3`, or just `{command.Prefix}pause` for {DefaultWeeks} weeks."));
        }

        var until = clock.GetUtcNow().AddDays(7 * weeks);
        if (!await members.SetPauseAsync(command.Workspace.Id, command.Caller.UserId, until, ct))
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        return new MessageReply(ChatMessage.Plain(
            $"Paused for {weeks} week{(weeks == 1 ? "" : "s")}, until {until:dddd d MMMM}. No nudges, pulses or new pairings until then — take care of yourself. `{command.Prefix}resume` to come back sooner."));
    }
}
