package io.lastmile.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    public Uni<Ticket> findByNumber(String ticketNumber) {
        return find("ticketNumber", ticketNumber).firstResult();
    }

    public Uni<Ticket> findBySource(Channel channel, String sourceId) {
        return find("channel = ?1 and sourceId = ?2", channel, sourceId).firstResult();
    }

    /**
     * These tickets, each locked for the caller's transaction; one that another transaction holds
     * at this moment is left out (SKIP LOCKED) instead of waited for, so two replicas taking the
     * same batch never queue behind each other.
     */
    public Uni<List<Ticket>> lockUnlessHeld(List<String> ticketNumbers) {
        // Panache's queries take no lock hints: the session's own query does.
        return getSession().chain(session -> session.createSelectionQuery("from Ticket where ticketNumber in :numbers", Ticket.class)
                .setParameter("numbers", ticketNumbers).setLockMode(org.hibernate.LockMode.UPGRADE_SKIPLOCKED).getResultList());
    }

    /** 特急 before 紧急 before 一般, then the nearest deadline, then the oldest. */
    private static final String WORK_ORDER = """
             order by case urgency when io.lastmile.ticket.Urgency.CRITICAL then 0
                                   when io.lastmile.ticket.Urgency.URGENT then 1 else 2 end,
                      deadline asc nulls last, receivedAt asc, ticketNumber asc""";

    /** A page of tickets in the given states, optionally of one unit (or assisting it), in work order. */
    public Uni<List<Ticket>> work(List<TicketStatus> statuses, String unitCode, int page, int size) {
        return unitCode == null
                ? find("status in ?1" + WORK_ORDER, statuses).page(page, size).list()
                : find("status in ?1 and (unitCode = ?2 or assistants like ?3)" + WORK_ORDER, statuses, unitCode,
                        assistingPattern(unitCode)).page(page, size).list();
    }

    public Uni<Long> countWork(List<TicketStatus> statuses, String unitCode) {
        return unitCode == null
                ? count("status in ?1", statuses)
                : count("status in ?1 and (unitCode = ?2 or assistants like ?3)", statuses, unitCode, assistingPattern(unitCode));
    }

    /** 督办: supervised tickets (pressed by a supervisor, or on a red card) that are not done yet. */
    public Uni<List<Ticket>> supervised(int page, int size) {
        return find("supervised = true and status not in ?1" + WORK_ORDER, DONE).page(page, size).list();
    }

    public Uni<Long> countSupervised() {
        return count("supervised = true and status not in ?1", DONE);
    }

    /** The tickets merged into each of the given primaries (their incidents' other callers), the earliest first. */
    public Uni<Map<String, List<String>>> linkedTo(Collection<String> primaries) {
        if (primaries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                        "select t.mergedInto, t.ticketNumber from Ticket t where t.mergedInto in :primaries and t.status = :merged"
                                + " order by t.receivedAt, t.ticketNumber", Object[].class)
                .setParameter("primaries", primaries).setParameter("merged", TicketStatus.MERGED).getResultList())
                .map(rows -> {
                    Map<String, List<String>> linked = new HashMap<>();
                    rows.forEach(r -> linked.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]));
                    return linked;
                });
    }

    private static final List<TicketStatus> DONE = List.of(TicketStatus.CLOSED, TicketStatus.REVISITED, TicketStatus.MERGED);

    private static String assistingPattern(String unitCode) {
        return "%\"unitCode\":\"" + unitCode + "\",\"reported\":false%";
    }
}
