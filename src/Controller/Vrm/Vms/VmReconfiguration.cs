using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Vrm.Hosts;
using Cluster.Controller.Vrm.Views;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// Reconfiguring a VM. A stopped one changes at once, any size either way (disks still only grow). A running one changes
/// live: HA and restart priority are the VRM's alone and are recorded at once; whatever the guest sees (vCPUs, memory,
/// disks, NICs, QoS) is checked here (additions only, memory by the hot-add granularity, room on its host and datastores
/// as placement counts it) and sent to its host, and recorded only once the host confirms it applied it. A host that
/// refuses has its reason told to the operator; one that has not answered within <see cref="HotReconfigureWaitExpired.Wait"/>
/// gets the operator told so, and a later confirmation is still recorded.
/// </summary>
public sealed class VmReconfiguration(VrmState state, VrmSettings settings, HostChannel hosts, HostSessions sessions)
{
    private readonly Dictionary<long, PendingHotReconfigure> _pending = [];

    private Inventory Inventory => state.Inventory;

    public void OnReconfigure(Decision decision, ReconfigureVm reconfigure)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(reconfigure);
        var request = reconfigure.Request;
        if (Inventory.Vm(reconfigure.VmId) is not { } vm)
        {
            decision.Reply(AdminFailure.NotFound("vmId", $"VM {reconfigure.VmId}"));
            return;
        }

        if (request.IsEmpty)
        {
            decision.Reply(AdminFailure.Invalid([new FieldError("body", $"names nothing to change ({ReconfigureVmRequest.FieldNames})")]));
            return;
        }

        var spec = request.ApplyTo(vm.Spec);
        if (Invalid(request, vm.Spec, spec) is { Count: > 0 } errors)
        {
            decision.Reply(AdminFailure.Invalid(errors));
            return;
        }

        if (vm.PowerState == VmPowerState.Stopped || !GuestSees(vm.Spec, spec))
        {
            Record(decision, vm.VmId, spec, decision.From);
            return;
        }

        if (HotRefusal(vm, spec) is { } refusal)
        {
            decision.Reply(refusal);
            return;
        }

        SendToHost(decision, vm, request);
    }

    /// <summary>The host applied a hot reconfigure: the VM's new size is recorded, and the operator, if still waiting, answered.</summary>
    public void OnAccepted(Decision decision, long commandId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Settle(decision, commandId) is not { } pending)
        {
            return;
        }

        if (Inventory.Vm(pending.Vm) is { } vm && vm.Incarnation == pending.Incarnation)
        {
            Record(decision, vm.VmId, pending.Request.ApplyTo(vm.Spec), pending.Asker);
        }
        else if (pending.Asker is { } asker)
        {
            decision.Step.Send(asker, AdminFailure.Conflict("vmId", $"VM {pending.Vm} was restarted or removed before its host confirmed the reconfigure; nothing changed"));
        }
    }

    /// <summary>True when the refusal was of a hot reconfigure: the operator, if still waiting, is told the host's reason.</summary>
    public bool OnRejected(Decision decision, CommandRejected rejected)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(rejected);
        if (Settle(decision, rejected.CommandId) is not { } pending)
        {
            return false;
        }

        if (pending.Asker is { } asker)
        {
            decision.Step.Send(asker, AdminFailure.Conflict("host", $"host {pending.Host} refused to reconfigure VM {pending.Vm}: {rejected.Reason}"));
        }

        return true;
    }

    /// <summary>
    /// The host has not answered in time: the operator hears so (once), and the command goes again, since it names the
    /// whole target size and a host applies it once however often it comes; a late confirmation is still recorded. After
    /// <see cref="MaxAttempts"/> sends, or once the VM no longer runs as that instance there, the VRM stops waiting.
    /// </summary>
    public void OnWaitExpired(Decision decision, HotReconfigureWaitExpired expired)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(expired);
        if (!_pending.TryGetValue(expired.CommandId, out var pending))
        {
            return;
        }

        if (pending.Asker is { } asker)
        {
            decision.Step.Send(asker, AdminFailure.Conflict("host", $"host {pending.Host} has not confirmed the reconfigure of VM {pending.Vm} within {HotReconfigureWait.TotalSeconds} s; the VM keeps its recorded size until it does (vm show tells)"));
        }

        var vm = Inventory.Vm(pending.Vm);
        if (pending.Attempts >= MaxAttempts || vm is null || vm.Incarnation != pending.Incarnation || vm.Host != pending.Host || vm.PowerState != VmPowerState.Running)
        {
            Settle(decision, expired.CommandId);
            return;
        }

        _pending[expired.CommandId] = pending with { Asker = null, Attempts = pending.Attempts + 1 };
        hosts.Send(decision, pending.Host, pending.Command);
        decision.Step.StartSingleTimer(HotReconfigureWaitExpired.TimerKey(expired.CommandId), expired, HotReconfigureWait);
    }

    /// <summary>How often a hot reconfigure is sent before the VRM stops waiting for its host.</summary>
    public const int MaxAttempts = 3;

    private static TimeSpan HotReconfigureWait => HotReconfigureWaitExpired.Wait;

    /// <summary>The request's problems against the VM, the new spec's own, and grown disks that no datastore could hold even empty.</summary>
    private List<FieldError> Invalid(ReconfigureVmRequest request, VmSpec current, VmSpec spec)
    {
        var errors = new List<FieldError>(request.DiskErrors(current));
        errors.AddRange(VmSpec.NicErrors(request.AddNics, "addNics"));
        errors.AddRange(spec.Validate());
        if (errors.Count == 0 && request.Disks is { Count: > 0 })
        {
            DatastoreCapacity.AddErrors(Inventory, settings.DatastoreOvercommit, spec.Disks, errors);
        }

        return errors;
    }

    /// <summary>Whether the change reaches the guest (its size, devices or QoS) rather than only the VRM's HA settings.</summary>
    private static bool GuestSees(VmSpec before, VmSpec after) =>
        before with { HaEnabled = after.HaEnabled, RestartPriority = after.RestartPriority, Disks = after.Disks, Nics = after.Nics } != after
        || !before.Disks.SequenceEqual(after.Disks)
        || !(before.Nics ?? []).SequenceEqual(after.Nics ?? []);

    /// <summary>Why the running VM cannot be changed live now, naming the field at fault; null when it can.</summary>
    private AdminFailure? HotRefusal(InventoryVm vm, VmSpec spec)
    {
        if (state.Migrations.OpenFor(vm.VmId) is { } migration)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is migrating ({migration.Admitted.MigrationId}, {migration.Phase}); reconfigure it once the migration ended");
        }

        if (vm.PowerState != VmPowerState.Running || vm.Host is not { } host)
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is {vm.PowerState}; a running VM is reconfigured live and a stopped one offline, so wait until it runs or stop it");
        }

        if (state.HotReconfiguring.Contains(vm.VmId))
        {
            return AdminFailure.Conflict("vmId", $"VM {vm.VmId} is already being reconfigured on {host}; wait for that answer");
        }

        if (spec.Vcpus < vm.Spec.Vcpus)
        {
            return AdminFailure.Conflict("vcpus", $"VM {vm.VmId} runs with {vm.Spec.Vcpus} vCPUs and vCPUs are not hot-removed (asked {spec.Vcpus}); stop it to remove vCPUs");
        }

        if (spec.MemoryMb < vm.Spec.MemoryMb)
        {
            return AdminFailure.Conflict("memoryMb", $"VM {vm.VmId} runs with {vm.Spec.MemoryMb} MB and memory is not hot-removed (asked {spec.MemoryMb}); stop it to remove memory");
        }

        if ((spec.MemoryMb - vm.Spec.MemoryMb) % VmLimits.MemoryHotAddGranularityMb != 0)
        {
            return AdminFailure.Invalid([new FieldError("memoryMb", $"a running VM's memory grows by multiples of {VmLimits.MemoryHotAddGranularityMb} MB (memory is hot-added in DIMMs of that size): {vm.Spec.MemoryMb} + {spec.MemoryMb - vm.Spec.MemoryMb} MB asked")]);
        }

        if (sessions.Of(host)?.Peer is null)
        {
            return AdminFailure.Conflict("host", $"host {host} of VM {vm.VmId} has not been heard since this controller took over, so nothing can be changed live there yet; try again once it reports");
        }

        var refusals = InPlaceGrowth.Refusals(state.PlanningSnapshot(settings.DatastoreOvercommit), vm.VmId, spec, host);
        if (refusals.Count == 0)
        {
            return null;
        }

        // The figures are the placement planner's, with the VM's present size counted as free: it is the VM's own room.
        var errors = refusals.Select(r => new FieldError(FieldOf(r.Reason, vm.Spec, spec), $"{host}: {r.Detail}")).ToList();
        var detail = string.Join("; ", refusals.Select(r => r.Detail));
        return new AdminFailure(AdminFailureKind.Conflict, new ErrorResponse($"VM {vm.VmId} cannot grow in place on {host} (free counts its present size): {detail}", errors));
    }

    /// <summary>The request field a lack of room is about.</summary>
    private static string FieldOf(RefusalReason reason, VmSpec before, VmSpec after) => reason switch
    {
        RefusalReason.InsufficientMemory => "memoryMb",
        RefusalReason.InsufficientCpu => after.CpuQos.Reservation > before.CpuQos.Reservation && after.Vcpus == before.Vcpus ? "cpuQos.reservation" : "vcpus",
        RefusalReason.NumaMisfit => after.MemoryMb > before.MemoryMb ? "memoryMb" : "vcpus",
        RefusalReason.DatastoreFull => "disks",
        _ => "host",
    };

    private void SendToHost(Decision decision, InventoryVm vm, ReconfigureVmRequest request)
    {
        var host = vm.Host!.Value;
        var commandId = hosts.NextCommandId();
        var command = new HotReconfigureVm(hosts.Epoch, commandId, vm.VmId, vm.Incarnation, request.ApplyTo(vm.Spec));
        _pending[commandId] = new PendingHotReconfigure(command, host, request, decision.From, Attempts: 1);
        state.HotReconfiguring.Add(vm.VmId);
        hosts.Send(decision, host, command);
        decision.Step.StartSingleTimer(HotReconfigureWaitExpired.TimerKey(commandId), new HotReconfigureWaitExpired(commandId), HotReconfigureWait);
    }

    private PendingHotReconfigure? Settle(Decision decision, long commandId)
    {
        if (!_pending.Remove(commandId, out var pending))
        {
            return null;
        }

        state.HotReconfiguring.Remove(pending.Vm);
        decision.Step.CancelTimer(HotReconfigureWaitExpired.TimerKey(commandId));
        return pending;
    }

    private void Record(Decision decision, VmId id, VmSpec spec, Peer? asker) =>
        decision.Record(new VmReconfigured(id, spec), _ =>
        {
            if (asker is { } peer)
            {
                decision.Step.Send(peer, VrmViews.Of(Inventory.Vm(id)!));
            }
        });

    /// <summary>A hot reconfigure sent to <paramref name="Host"/>; <paramref name="Asker"/> is null once the operator was told the wait expired.</summary>
    private sealed record PendingHotReconfigure(HotReconfigureVm Command, HostId Host, ReconfigureVmRequest Request, Peer? Asker, int Attempts)
    {
        public VmId Vm => Command.VmId;

        public long Incarnation => Command.Incarnation;
    }
}
