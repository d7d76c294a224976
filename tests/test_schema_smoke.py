from factories import make_season


def test_factory_season_is_clean():
    season = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1}])
    assert season.problems == []
    assert season.profile.full_name == "Amina Test"
    assert season.programs.loc[3, "Program"] == "Lakeshore IM"
    assert season.programs.loc[3, "Interview date"].year == 2026
