using System.Collections.Concurrent;

namespace Cluster.Actors;

/// <summary>
/// An actor's two queues: system messages, always drained first, and user messages in arrival order.
/// At most one thread runs a mailbox at a time, which is what makes an actor single-threaded.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly IDispatcher _dispatcher;

    // Stashed messages given back; only the running actor touches this, so no lock.
    private Queue<Envelope>? _returned;
    private int _status;
    private volatile bool _suspended;
    private volatile bool _closed;

    internal Mailbox(ActorCell cell, IDispatcher dispatcher)
    {
        Cell = cell;
        _dispatcher = dispatcher;
    }

    internal ActorCell Cell { get; }

    internal void PostUser(Envelope envelope)
    {
        if (_closed)
        {
            Cell.System.PublishDeadLetter(envelope.Message, envelope.Sender, Cell.Self);
            return;
        }

        _user.Enqueue(envelope);
        if (_closed)
        {
            // Closed while we enqueued: nobody will run this mailbox again, so hand the leftovers over.
            DrainToDeadLetters();
            return;
        }

        TrySchedule();
    }

    internal void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        TrySchedule();
    }

    internal void Suspend() => _suspended = true;

    internal void Unsuspend()
    {
        _suspended = false;
        TrySchedule();
    }

    /// <summary>Puts messages back at the front, ahead of everything queued, keeping their order.</summary>
    internal void ReturnToFront(List<Envelope> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var front = new Queue<Envelope>(messages);
        if (_returned is not null)
        {
            foreach (var e in _returned)
            {
                front.Enqueue(e);
            }
        }

        _returned = front;
    }

    internal void Close()
    {
        _closed = true;
        DrainToDeadLetters();
    }

    void IThreadPoolWorkItem.Execute() => Run(Cell.System.Throughput);

    /// <summary>Runs system messages, then up to <paramref name="maxUserMessages"/> user messages. Returns how many messages ran.</summary>
    internal int Run(int maxUserMessages)
    {
        var processed = 0;
        if (Cell.System.IsCrashed)
        {
            // A crashed node's queues are simply lost, as a killed process's memory is.
            return 0;
        }

        try
        {
            processed += ProcessSystemMessages();
            while (processed < maxUserMessages && !_suspended && !_closed)
            {
                if (!TryDequeueUser(out var envelope))
                {
                    break;
                }

                Cell.Invoke(envelope);
                processed++;
                if (!_system.IsEmpty)
                {
                    processed += ProcessSystemMessages();
                }
            }
        }
        finally
        {
            Volatile.Write(ref _status, Idle);
            if (HasWork)
            {
                TrySchedule();
            }
        }

        return processed;
    }

    private bool HasWork => !_system.IsEmpty || (!_suspended && !_closed && (!_user.IsEmpty || _returned is { Count: > 0 }));

    private int ProcessSystemMessages()
    {
        var count = 0;
        while (_system.TryDequeue(out var message))
        {
            Cell.InvokeSystem(message);
            count++;
        }

        return count;
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_returned is { Count: > 0 })
        {
            envelope = _returned.Dequeue();
            return true;
        }

        return _user.TryDequeue(out envelope);
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            _dispatcher.Schedule(this);
        }
    }

    private void DrainToDeadLetters()
    {
        while (_returned is { Count: > 0 })
        {
            var e = _returned.Dequeue();
            Cell.System.PublishDeadLetter(e.Message, e.Sender, Cell.Self);
        }

        while (_user.TryDequeue(out var e))
        {
            Cell.System.PublishDeadLetter(e.Message, e.Sender, Cell.Self);
        }
    }
}
