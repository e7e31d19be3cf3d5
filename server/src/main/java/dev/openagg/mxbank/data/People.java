package dev.openagg.mxbank.data;

import java.util.List;

/** The names and places MX Bank's account holders are made of. All of them are invented combinations. */
final class People {
    record City(String name, String state, String postalCode, String areaCode) {
    }

    static final List<String> FIRST_NAMES = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia",
            "James", "Isabella", "Lucas", "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "Henry", "Evelyn", "Daniel",
            "Priya", "Wei", "Aaliyah", "Diego", "Fatima", "Kenji", "Grace", "Omar", "Nora", "Samuel", "Leah", "Marcus");

    static final List<String> LAST_NAMES = List.of("Anderson", "Bennett", "Carter", "Delgado", "Ellison", "Foster",
            "Garcia", "Hayes", "Ito", "Jensen", "Khan", "Larsen", "Morales", "Nguyen", "Okafor", "Patel", "Quinn",
            "Ramirez", "Sullivan", "Thompson", "Underwood", "Vasquez", "Whitaker", "Xu", "Yamamoto", "Zimmerman",
            "Brooks", "Chen", "Dawson", "Fischer");

    static final List<String> STREETS = List.of("Maple Ave", "Oak St", "Cedar Ln", "Willow Dr", "Birch Rd",
            "Aspen Ct", "Juniper Way", "Sycamore Blvd", "Chestnut St", "Magnolia Dr", "Elm St", "Pine Ridge Rd",
            "Lakeview Dr", "Sunset Blvd", "Harbor Ln", "Meadow Ln", "Canyon Rd", "Riverside Dr", "Hillcrest Ave",
            "Park Pl");

    static final List<City> CITIES = List.of(
            new City("Lehi", "UT", "84043", "801"),
            new City("Provo", "UT", "84604", "801"),
            new City("Boise", "ID", "83702", "208"),
            new City("Denver", "CO", "80205", "303"),
            new City("Austin", "TX", "78704", "512"),
            new City("Phoenix", "AZ", "85016", "602"),
            new City("Portland", "OR", "97214", "503"),
            new City("Columbus", "OH", "43215", "614"),
            new City("Raleigh", "NC", "27601", "919"),
            new City("Madison", "WI", "53703", "608"),
            new City("Nashville", "TN", "37203", "615"),
            new City("Sacramento", "CA", "95816", "916"));

    static final List<String> EMPLOYERS = List.of("Bluebird Logistics", "Summit Health Partners", "Cobalt Software",
            "Evergreen Foods", "Granite Engineering", "Northwind Traders", "Harborview Schools", "Pinecrest Insurance");

    static final List<String> LANDLORDS = List.of("Maple Court Apartments", "Riverside Lofts", "Canyon View Homes",
            "Parkside Property Mgmt", "Willow Creek Apartments");

    private People() {
    }
}
