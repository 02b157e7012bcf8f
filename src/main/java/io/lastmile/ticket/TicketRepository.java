package io.lastmile.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    public Uni<Ticket> findByNumber(String ticketNumber) {
        return find("ticketNumber", ticketNumber).firstResult();
    }

    public Uni<Ticket> findBySource(Channel channel, String sourceId) {
        return find("channel = ?1 and sourceId = ?2", channel, sourceId).firstResult();
    }
}
