package io.glimpse.catalog.rest;

import io.glimpse.catalog.Api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Images in states the catalog's own API cannot produce yet (uploads arrive with the data issue):
 * created through the API, then moved in the test database the way a finished upload would leave them.
 */
final class ImageFixtures {
    private static final String URL = "jdbc:postgresql://127.0.0.1:55432/catalog_test";

    private ImageFixtures() {}

    static String activeImage(String user, Map<String, Object> body) {
        return activeImage(user, body, 1024);
    }

    static String activeImage(String user, Map<String, Object> body, long size) {
        String id = Api.createId(user, body);
        sql("update images set status = 'active', size = ?, checksum = md5(id) where id = ?", size, id);
        return id;
    }

    static void sql(String statement, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(URL, "glimpse", "glimpse");
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
