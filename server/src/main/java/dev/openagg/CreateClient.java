package dev.openagg;

import dev.openagg.api.Lengths;
import dev.openagg.cli.Arguments;
import dev.openagg.cli.Command;
import dev.openagg.cli.Flag;
import dev.openagg.client.ClientStore;
import dev.openagg.client.FirstClient;
import dev.openagg.db.Database;
import java.time.Clock;

/** {@code openagg create-client}: adds an API client and prints its credentials. */
final class CreateClient {
    static final Flag CLIENT_ID = Flag.value("--client-id", null, null, "The client_id (default: generated).")
            .labelled("ID");

    private CreateClient() {
    }

    static Command command() {
        return Command.of("create-client", "Add an API client and print its credentials.", Storage.and(CLIENT_ID),
                CreateClient::run);
    }

    private static int run(Arguments arguments) {
        FirstClient.Created created = FirstClient.generate();
        String given = arguments.string(CLIENT_ID);
        String id = given == null || given.isBlank() ? created.clientId() : given;
        if (id.length() > Lengths.CLIENT_ID) {
            System.err.println("A client_id is at most " + Lengths.CLIENT_ID + " characters.");
            return 2;
        }
        try (Database database = new Storage(arguments).open()) {
            if (!new ClientStore(database.jdbi(), Clock.systemUTC()).add(id, created.apiKey())) {
                System.err.println("A client with client_id " + id + " already exists.");
                return 1;
            }
        }
        System.out.println("client_id: " + id);
        System.out.println("api_key:   " + created.apiKey());
        return 0;
    }
}
