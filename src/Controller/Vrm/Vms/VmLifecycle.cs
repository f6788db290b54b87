using Cluster.Controller.Planning.Placement;
using Cluster.Controller.Vrm.Ha;
using Cluster.Controller.Vrm.Views;
using Cluster.Deciders;
using Cluster.Messages;

namespace Cluster.Controller.Vrm.Vms;

/// <summary>
/// Operators' VM commands: create, power on (placement picks the host), power off (graceful answers at once,
/// forced waits for the host), delete, and adding datastores (reconfigure is VmReconfiguration's). Each answers once its events are stored.
/// </summary>
public sealed class VmLifecycle(VrmState state, VrmSettings settings, HostChannel hosts, VmStarts starts, StopWaiters stopWaiters, HaRestarts ha)
{
    private Inventory Inventory => state.Inventory;

    public void OnCreate(Decision decision, CreateVmRequest request)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate().ToList();
        if (request.Disks is { Count: <= VmLimits.MaxDisks } disks)
        {
            DatastoreCapacity.AddErrors(Inventory, settings.DatastoreOvercommit, disks, errors);
        }

        if (errors.Count == 0)
        {
            HostFit.AddErrors(Inventory.Hosts, request.ToSpec(), errors);
        }

        if (errors.Count > 0)
        {
            decision.Reply(AdminFailure.Invalid(errors));
            return;
        }

        if (Inventory.VmNamed(request.Name) is not null)
        {
            decision.Reply(AdminFailure.Conflict("name", $"a VM named '{request.Name}' already exists"));
            return;
        }

        var sender = decision.From;
        var id = VmId.From($"vm-{Inventory.VmsEverCreated + 1:D4}");
        decision.Record(new VmCreated(id, request.ToSpec()), _ => decision.Step.Send(sender, VrmViews.Of(Inventory.Vm(id)!)));
    }

    public void OnPowerOn(Decision decision, VmId id)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Find(decision, id) is not { } vm)
        {
            return;
        }

        if (VmLifecycleRules.StartRefusal(vm.PowerState) is { } refusal)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {id} {refusal}"));
            return;
        }

        if (state.Migrations.OpenFor(id) is { } copying)
        {
            // A cold migration copies the disks: a guest started now would write the copy's source behind its back.
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {id} cannot start while {copying.Admitted.MigrationId} copies its disks ({copying.Phase}); cancel the migration or wait for it to end"));
            return;
        }

        var placement = PlacementPlanner.Place(state.PlacementSnapshot(settings.DatastoreOvercommit), id, vm.Spec, settings.Admission);
        if (placement.Host is not { } host)
        {
            var reasons = string.Join("; ", placement.Refusals.Select(r => $"{r.Host}: {r.Detail}"));
            decision.Reply(AdminFailure.Conflict("vmId", $"no host can run VM {id}: {(reasons.Length > 0 ? reasons : "no hosts")}"));
            return;
        }

        var sender = decision.From;
        starts.StartOn(decision, vm, host, () => decision.Step.Send(sender, VrmViews.Of(Inventory.Vm(id)!)));
    }

    public void OnPowerOff(Decision decision, PowerOffVm powerOff)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(powerOff);
        if (Find(decision, powerOff.VmId) is not { } vm)
        {
            return;
        }

        if (state.Migrations.OpenFor(vm.VmId) is { } migration)
        {
            // The saga owns the VM until it ends: a stop now would race the switch-over on two hosts.
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {vm.VmId} is migrating ({migration.Admitted.MigrationId}, {migration.Phase}); cancel the migration or wait for it to end, then stop it"));
            return;
        }

        if (VmLifecycleRules.StopRefusal(vm.PowerState) is { } refusal || vm.Host is not { } host)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {vm.VmId} {VmLifecycleRules.StopRefusal(vm.PowerState) ?? "is on no host"}"));
            return;
        }

        var sender = decision.From;
        if (vm.PowerState == VmPowerState.Stopping)
        {
            // Asked again (a graceful stop that hangs, or an unreachable host): send it again and look at the lease now.
            StopOn(decision, vm, host, powerOff.Graceful, sender);
            return;
        }

        decision.Record(new VmPowerStateChanged(vm.VmId, vm.PowerState, VmPowerState.Stopping, vm.Incarnation), _ => StopOn(decision, vm, host, powerOff.Graceful, sender));
    }

    public void OnRemove(Decision decision, VmId id)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (Find(decision, id) is not { } vm)
        {
            return;
        }

        if (VmLifecycleRules.DeleteRefusal(vm.PowerState) is { } refusal)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {id} {refusal}"));
            return;
        }

        if (state.Migrations.OpenFor(id) is { } moving)
        {
            decision.Reply(AdminFailure.Conflict("vmId", $"VM {id} is migrating ({moving.Admitted.MigrationId}, {moving.Phase}); cancel the migration or wait for it to end, then delete it"));
            return;
        }

        var sender = decision.From;
        var view = VrmViews.Of(vm);
        decision.Record(new VmDeleted(id), _ =>
        {
            if (vm.Host is { } host)
            {
                hosts.Send(decision, host, new DeleteVm(hosts.Epoch, hosts.NextCommandId(), id));
            }

            decision.Step.Send(sender, view);
        });
    }

    public void OnAddDatastore(Decision decision, AddDatastore add)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(add);
        var sender = decision.From;
        if (Inventory.HasDatastore(add.DatastoreId))
        {
            decision.Reply(add.DatastoreId);
            return;
        }

        decision.Record(new DatastoreAdded(add.DatastoreId, add.Name, add.CapacityGb), _ => decision.Step.Send(sender, add.DatastoreId));
    }

    /// <summary>The VM, or null after answering the operator that there is none.</summary>
    private InventoryVm? Find(Decision decision, VmId id)
    {
        var vm = Inventory.Vm(id);
        if (vm is null)
        {
            decision.Reply(AdminFailure.NotFound("vmId", $"VM {id}"));
        }

        return vm;
    }

    /// <summary>
    /// Stopping: a graceful stop answers at once (Stopping; the host's next report finishes it); a forced stop
    /// waits for the host. On a Faulty host nobody will confirm: HA's lease read decides, now rather than at the next recheck.
    /// </summary>
    private void StopOn(Decision decision, InventoryVm vm, HostId host, bool graceful, Peer replyTo)
    {
        hosts.Send(decision, host, new StopVm(hosts.Epoch, hosts.NextCommandId(), vm.VmId, graceful));
        if (graceful)
        {
            decision.Step.Send(replyTo, VrmViews.Of(Inventory.Vm(vm.VmId)!));
        }
        else
        {
            stopWaiters.Wait(decision, vm.VmId, replyTo);
        }

        if (Inventory.Host(host)?.State == HostState.Faulty)
        {
            ha.Evaluate(decision);
        }
    }
}
