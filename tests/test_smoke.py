def test_front_page_shows_the_network_counts(client, make_teacher):
    make_teacher()
    response = client.get("/")
    assert response.status_code == 200
    assert "1</strong> teacher" in response.get_data(as_text=True)
