using Cluster.Actors;
using Cluster.HostNode.Hypervisor;
using Cluster.Messages;

namespace Cluster.HostNode.Cna;

/// <summary>
/// The agent on one compute host: registers with the controllers, heartbeats every interval with the
/// host's usage and its VMs, and carries out the VRM's commands on the hypervisor. It remembers the
/// highest controller epoch it has seen and refuses commands from any older one (fencing a deposed VRM).
/// </summary>
public sealed partial class CnaActor : ActorBase
{
    private readonly CnaSettings _settings;
    private readonly IHypervisor _hypervisor;
    private readonly List<ActorRef> _controllers;
    private long _seq;
    private long _highestEpoch;
    private bool _registered;

    public CnaActor(CnaSettings settings, IHypervisor hypervisor)
    {
        _settings = settings;
        _hypervisor = hypervisor;
        _controllers = [.. settings.Controllers.Select(path => Context.System.ResolvePath(path))];
    }

    public static Props Props(CnaSettings settings, IHypervisor hypervisor) => Actors.Props.Create(() => new CnaActor(settings, hypervisor));

    protected override void PreStart()
    {
        Self.Tell(Beat.Instance);
        WatchControllers();
        if (_settings.StorageLeases is not null)
        {
            Timers.StartPeriodicTimer("renew-leases", RenewLeases.Instance, _settings.LeaseRenewInterval);
            ProbeDatastores();
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Beat:
                SendBeat();
                RewatchUnreachableControllers();
                ScheduleBeat();
                break;
            case HostRegistrationAccepted accepted when accepted.Epoch >= _highestEpoch:
                _highestEpoch = accepted.Epoch;
                _registered = true;
                ControllerHeard(Sender);
                break;
            case HostRegistrationAccepted:
                break;
            case HostRegistrationRefused refused:
                OnRegistrationRefused(refused);
                break;
            case DatastoresProbed probed:
                _datastoreHealth = probed.Health;
                break;
            case IHostCommand command:
                Execute(command);
                break;
            case RenewLeases:
                RenewAll();
                break;
            case LeaseAcquired acquired:
                FinishStart(acquired);
                break;
            case LeaseRenewed renewed:
                OnRenewed(renewed);
                break;
            default:
                if (!HandleIsolation(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    private void Execute(IHostCommand command)
    {
        if (command.Epoch < _highestEpoch)
        {
            Sender.Tell(new StaleEpochRejected(command.CommandId, _highestEpoch, command.Epoch), Self);
            return;
        }

        _highestEpoch = command.Epoch;
        if (command is StartVm start && _settings.StorageLeases is not null)
        {
            // The VM may only run once it holds its disks' write-lease: that is what stops a second instance.
            AcquireLease(start, Sender);
            return;
        }

        var refusal = command switch
        {
            StartVm startWithoutLease => _hypervisor.Start(startWithoutLease.VmId, startWithoutLease.Spec, startWithoutLease.Incarnation),
            StopVm stop => Release(stop.VmId, _hypervisor.Stop(stop.VmId, stop.Graceful)),
            DeleteVm delete => Release(delete.VmId, _hypervisor.Delete(delete.VmId)),
            KillStaleInstance kill => Kill(kill),
            _ => $"unknown command {command.GetType().Name}",
        };
        Reply(Sender, command.CommandId, refusal);
    }

    private void Reply(ActorRef controller, long commandId, string? refusal)
    {
        controller.Tell(refusal is null ? new CommandAccepted(commandId) : new CommandRejected(commandId, refusal), Self);

        // Report the change at once rather than at the next beat, so the inventory converges quickly.
        controller.Tell(Heartbeat(), Self);
    }

    private string? Kill(KillStaleInstance kill)
    {
        _hypervisor.KillIncarnation(kill.VmId, kill.Incarnation);
        if (_leases.TryGetValue(kill.VmId, out var held) && held.Incarnation == kill.Incarnation)
        {
            _leases.Remove(kill.VmId);
        }

        return null;
    }

    private void SendBeat()
    {
        object message = _registered
            ? Heartbeat()
            : new HostRegister(_settings.HostId, Self.Path.ToString(), _settings.Hardware, _settings.CpuFeatures, _settings.Datastores);
        foreach (var controller in _controllers)
        {
            controller.Tell(message, Self);
        }
    }

    private Heartbeat Heartbeat()
    {
        var used = _hypervisor.Used;
        return new Heartbeat(_settings.HostId, ++_seq, used.CpuMhz, used.MemoryMb, _hypervisor.Report(), DatastoreHealth());
    }

    private void ScheduleBeat()
    {
        var delay = _settings.HeartbeatInterval;
        if (_settings.HeartbeatJitter > TimeSpan.Zero)
        {
            delay += TimeSpan.FromTicks((long)(Context.Random.NextDouble() * _settings.HeartbeatJitter.Ticks));
        }

        Timers.StartSingleTimer("beat", Beat.Instance, delay);
    }

    private sealed record Beat
    {
        public static readonly Beat Instance = new();
    }
}
