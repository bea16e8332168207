package dev.sluice.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Functions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Temporal's schedule API in memory (the in-process test server has none): schedules by id, with
 * the same "already exists" and "not found" failures the server gives.
 */
class InMemoryScheduleClient implements ScheduleClient {

    final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger updates = new AtomicInteger();

    @Override
    public ScheduleHandle createSchedule(String scheduleId, Schedule schedule, ScheduleOptions options) {
        if (schedules.putIfAbsent(scheduleId, schedule) != null) {
            throw new ScheduleAlreadyRunningException(new StatusRuntimeException(Status.ALREADY_EXISTS));
        }
        creates.incrementAndGet();
        return getHandle(scheduleId);
    }

    @Override
    public ScheduleHandle getHandle(String scheduleId) {
        return new Handle(scheduleId);
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules() {
        throw new UnsupportedOperationException("listing schedules");
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(Integer pageSize) {
        throw new UnsupportedOperationException("listing schedules");
    }

    @Override
    public Stream<ScheduleListDescription> listSchedules(String query, Integer pageSize) {
        throw new UnsupportedOperationException("listing schedules");
    }

    private final class Handle implements ScheduleHandle {

        private final String id;

        Handle(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void backfill(List<ScheduleBackfill> backfills) {
            throw new UnsupportedOperationException("schedule backfills");
        }

        @Override
        public void delete() {
            if (schedules.remove(id) == null) {
                throw notFound();
            }
        }

        @Override
        public ScheduleDescription describe() {
            Schedule schedule = existing();
            ScheduleInfo info = new ScheduleInfo(0, 0, 0, List.of(), List.of(), List.of(Instant.parse("2030-01-01T00:00:00Z")),
                    Instant.EPOCH, Instant.EPOCH);
            return new ScheduleDescription(id, info, schedule, Map.of(), SearchAttributes.EMPTY, Map.of(),
                    DefaultDataConverter.newDefaultInstance());
        }

        @Override
        public void pause(String note) {
            setPaused(true, note);
        }

        @Override
        public void pause() {
            setPaused(true, "");
        }

        @Override
        public void trigger(ScheduleOverlapPolicy overlapPolicy) {
            throw new UnsupportedOperationException("triggering schedules");
        }

        @Override
        public void trigger() {
            throw new UnsupportedOperationException("triggering schedules");
        }

        @Override
        public void unpause(String note) {
            setPaused(false, note);
        }

        @Override
        public void unpause() {
            setPaused(false, "");
        }

        @Override
        public void update(Functions.Func1<ScheduleUpdateInput, ScheduleUpdate> updater) {
            ScheduleUpdate update = updater.apply(new ScheduleUpdateInput(describe()));
            schedules.put(id, update.getSchedule());
            updates.incrementAndGet();
        }

        private void setPaused(boolean paused, String note) {
            Schedule schedule = existing();
            schedules.put(id, Schedule.newBuilder(schedule)
                    .setState(ScheduleState.newBuilder().setPaused(paused).setNote(note).build())
                    .build());
        }

        private Schedule existing() {
            Schedule schedule = schedules.get(id);
            if (schedule == null) {
                throw notFound();
            }
            return schedule;
        }
    }

    private static ScheduleException notFound() {
        return new ScheduleException(new StatusRuntimeException(Status.NOT_FOUND));
    }
}
