<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis hasScaleBasedVisibilityFlag="0" symbologyReferenceScale="-1" simplifyAlgorithm="0" minScale="100000000" readOnly="0" simplifyDrawingTol="1" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Relations|Temporal|Legend|Elevation|Notes" maxScale="0" labelsEnabled="0" simplifyDrawingHints="1" simplifyLocal="1" simplifyMaxScale="1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" fixedDuration="0" startField="" endField="ingediend_op" durationField="" limitMode="0" accumulate="0" durationUnit="min" startExpression="" endExpression="" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 forceraster="0" symbollevels="0" attr="thema" referencescale="-1" enableorderby="0" type="categorizedSymbol">
    <categories>
      <category symbol="0" render="true" label="Ontmoeten" value="ontmoeten"/>
      <category symbol="1" render="true" label="Veiligheid" value="veiligheid"/>
      <category symbol="2" render="true" label="Verkeer" value="verkeer"/>
      <category symbol="3" render="true" label="Openbare ruimte" value="openbare_ruimte"/>
      <category symbol="4" render="true" label="Zorgbehoefte" value="zorgbehoefte"/>
    </categories>
    <symbols>
      <symbol name="0" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="230,85,13,70" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="230,85,13,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="b_diagonal" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="230,85,13,70" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="230,85,13,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="b_diagonal" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="1" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="117,107,177,70" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="117,107,177,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="b_diagonal" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="117,107,177,70" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="117,107,177,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="b_diagonal" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="2" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="49,130,189,70" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="49,130,189,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="b_diagonal" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="49,130,189,70" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="49,130,189,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="b_diagonal" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="3" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="49,163,84,70" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="49,163,84,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="b_diagonal" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="49,163,84,70" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="49,163,84,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="b_diagonal" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="4" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties" type="Map">
              <Option name="alpha" type="Map">
                <Option name="active" value="true" type="bool"/>
                <Option name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END" type="QString"/>
                <Option name="type" value="3" type="int"/>
              </Option>
            </Option>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="222,45,38,70" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="222,45,38,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.8" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="b_diagonal" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="222,45,38,70" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="222,45,38,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.8" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="b_diagonal" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties" type="Map">
                <Option name="outlineColor" type="Map">
                  <Option name="active" value="true" type="bool"/>
                  <Option name="expression" value="CASE &quot;status&quot; WHEN 'initiatief_binnen' THEN '#9ecae1' WHEN 'check_intern' THEN '#6baed6' WHEN 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN 'buurtdeal_gesloten' THEN '#74c476' WHEN 'uitvoering' THEN '#31a354' WHEN 'evaluatie' THEN '#006d2c' WHEN 'afgewezen' THEN '#969696' WHEN 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END" type="QString"/>
                  <Option name="type" value="3" type="int"/>
                </Option>
              </Option>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="titel" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="true" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="thema" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_thema" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="status" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_status" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="ingediend_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_naam" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_email" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_telefoon" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gepubliceerd" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option name="CheckedState" value="" type="QString"/>
            <Option name="TextDisplayMethod" value="0" type="int"/>
            <Option name="UncheckedState" value="" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gemeentecode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" index="0" field="id"/>
    <alias name="Titel" index="1" field="titel"/>
    <alias name="Omschrijving" index="2" field="omschrijving"/>
    <alias name="Thema" index="3" field="thema"/>
    <alias name="Status" index="4" field="status"/>
    <alias name="Ingediend op" index="5" field="ingediend_op"/>
    <alias name="Naam indiener" index="6" field="indiener_naam"/>
    <alias name="E-mail indiener" index="7" field="indiener_email"/>
    <alias name="Telefoon indiener" index="8" field="indiener_telefoon"/>
    <alias name="Publiceren op de virtuele stad" index="9" field="gepubliceerd"/>
    <alias name="Buurt (afgeleid)" index="10" field="buurtcode"/>
    <alias name="Wijk (afgeleid)" index="11" field="wijkcode"/>
    <alias name="Gemeente (afgeleid)" index="12" field="gemeentecode"/>
    <alias name="Aangemaakt door" index="13" field="aangemaakt_door"/>
    <alias name="Aangemaakt op" index="14" field="aangemaakt_op"/>
    <alias name="Gewijzigd door" index="15" field="gewijzigd_door"/>
    <alias name="Gewijzigd op" index="16" field="gewijzigd_op"/>
  </aliases>
  <defaults>
    <default field="id" expression="" applyOnUpdate="0"/>
    <default field="titel" expression="" applyOnUpdate="0"/>
    <default field="omschrijving" expression="" applyOnUpdate="0"/>
    <default field="thema" expression="" applyOnUpdate="0"/>
    <default field="status" expression="" applyOnUpdate="0"/>
    <default field="ingediend_op" expression="" applyOnUpdate="0"/>
    <default field="indiener_naam" expression="" applyOnUpdate="0"/>
    <default field="indiener_email" expression="" applyOnUpdate="0"/>
    <default field="indiener_telefoon" expression="" applyOnUpdate="0"/>
    <default field="gepubliceerd" expression="" applyOnUpdate="0"/>
    <default field="buurtcode" expression="" applyOnUpdate="0"/>
    <default field="wijkcode" expression="" applyOnUpdate="0"/>
    <default field="gemeentecode" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_door" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_op" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_door" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_op" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="id" constraints="3" unique_strength="1" notnull_strength="1"/>
    <constraint exp_strength="1" field="titel" constraints="5" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="1" field="omschrijving" constraints="4" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="thema" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="status" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="ingediend_op" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="indiener_naam" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="indiener_email" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="indiener_telefoon" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gepubliceerd" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="buurtcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="wijkcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gemeentecode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_op" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_op" constraints="0" unique_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="id" exp="" desc=""/>
    <constraint field="titel" exp="length(trim(&quot;titel&quot;)) > 0" desc="Geef een titel."/>
    <constraint field="omschrijving" exp="true" desc="Beschrijf de afspraak."/>
    <constraint field="thema" exp="" desc=""/>
    <constraint field="status" exp="" desc=""/>
    <constraint field="ingediend_op" exp="" desc=""/>
    <constraint field="indiener_naam" exp="" desc=""/>
    <constraint field="indiener_email" exp="" desc=""/>
    <constraint field="indiener_telefoon" exp="" desc=""/>
    <constraint field="gepubliceerd" exp="" desc=""/>
    <constraint field="buurtcode" exp="" desc=""/>
    <constraint field="wijkcode" exp="" desc=""/>
    <constraint field="gemeentecode" exp="" desc=""/>
    <constraint field="aangemaakt_door" exp="" desc=""/>
    <constraint field="aangemaakt_op" exp="" desc=""/>
    <constraint field="gewijzigd_door" exp="" desc=""/>
    <constraint field="gewijzigd_op" exp="" desc=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer name="Initiatief" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="id" index="0" showLabel="1"/>
      <attributeEditorField name="titel" index="1" showLabel="1"/>
      <attributeEditorField name="omschrijving" index="2" showLabel="1"/>
      <attributeEditorField name="thema" index="3" showLabel="1"/>
      <attributeEditorField name="status" index="4" showLabel="1"/>
      <attributeEditorField name="ingediend_op" index="5" showLabel="1"/>
      <attributeEditorField name="gepubliceerd" index="9" showLabel="1"/>
    </attributeEditorContainer>
    <attributeEditorContainer name="Indiener (privé, nooit openbaar)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="indiener_naam" index="6" showLabel="1"/>
      <attributeEditorField name="indiener_email" index="7" showLabel="1"/>
      <attributeEditorField name="indiener_telefoon" index="8" showLabel="1"/>
    </attributeEditorContainer>
    <attributeEditorContainer name="Afgeleid (door de database)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="buurtcode" index="10" showLabel="1"/>
      <attributeEditorField name="wijkcode" index="11" showLabel="1"/>
      <attributeEditorField name="gemeentecode" index="12" showLabel="1"/>
      <attributeEditorField name="aangemaakt_door" index="13" showLabel="1"/>
      <attributeEditorField name="aangemaakt_op" index="14" showLabel="1"/>
      <attributeEditorField name="gewijzigd_door" index="15" showLabel="1"/>
      <attributeEditorField name="gewijzigd_op" index="16" showLabel="1"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field name="aangemaakt_door" editable="0"/>
    <field name="aangemaakt_op" editable="0"/>
    <field name="buurtcode" editable="0"/>
    <field name="gemeentecode" editable="0"/>
    <field name="gewijzigd_door" editable="0"/>
    <field name="gewijzigd_op" editable="0"/>
    <field name="id" editable="0"/>
    <field name="wijkcode" editable="0"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
