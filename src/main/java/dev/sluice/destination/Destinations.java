package dev.sluice.destination;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The destination implementation for each type. */
@Component
public class Destinations {

    private final Map<DestinationType, Destination> byType = new EnumMap<>(DestinationType.class);

    public Destinations(List<Destination> destinations) {
        destinations.forEach(d -> byType.put(d.type(), d));
    }

    public Destination forType(DestinationType type) {
        Destination d = byType.get(type);
        if (d == null) {
            throw new DestinationUserException("Destination type " + type.apiValue() + " is not available in this Sluice build yet.");
        }
        return d;
    }
}
